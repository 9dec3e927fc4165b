package org.xnat.router.rest.admin.internal.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.xnat.router.rest.OpenApiFragment;

/** Documents the operations endpoints (transfers, logs, system status): {@code openapi/ops.json}. */
@Component(service = OpenApiFragment.class)
public class OpsOpenApiFragment implements OpenApiFragment {

    static final String RESOURCE = "/openapi/ops.json";

    @Override
    public String json() {
        try (InputStream in = OpsOpenApiFragment.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
