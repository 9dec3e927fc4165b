package org.xnat.router.rest.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.xnat.router.rest.OpenApiFragment;

/**
 * This bundle's part of {@code /api/openapi.json}: the file {@code openapi-admin.json} beside this class (written by
 * {@code src/test/openapi/generate.py}, checked against the resources by AdminOpenApiTest).
 */
@Component(service = OpenApiFragment.class)
public class AdminOpenApi implements OpenApiFragment {

    static final String RESOURCE = "openapi-admin.json";

    private final String json;

    public AdminOpenApi() {
        try (InputStream in = AdminOpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            this.json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String json() {
        return json;
    }
}
