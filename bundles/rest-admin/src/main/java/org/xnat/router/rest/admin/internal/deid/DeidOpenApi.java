package org.xnat.router.rest.admin.internal.deid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.xnat.router.rest.OpenApiFragment;

/** Documents {@code /api/deid/test} in {@code /api/openapi.json} (checked against the resource by DeidTestResourceTest). */
@Component(service = OpenApiFragment.class)
public class DeidOpenApi implements OpenApiFragment {

    private final String json = load();

    @Override
    public String json() {
        return json;
    }

    static String load() {
        try (InputStream in = DeidOpenApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json missing beside " + DeidOpenApi.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
