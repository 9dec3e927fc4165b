package org.xnat.router.rest.core.internal.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.xnat.router.rest.OpenApiFragment;

/** Documents rest-core's own endpoints (health, keys, audit, openapi.json, docs): {@code openapi/rest-core.json}. */
@Component(service = OpenApiFragment.class)
public class CoreOpenApiFragment implements OpenApiFragment {

    static final String RESOURCE = "/openapi/rest-core.json";

    @Override
    public String json() {
        try (InputStream in = CoreOpenApiFragment.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
