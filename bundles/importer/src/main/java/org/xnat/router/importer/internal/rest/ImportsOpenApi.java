package org.xnat.router.importer.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.xnat.router.rest.OpenApiFragment;

/** Documents {@code /api/imports} in {@code /api/openapi.json} (the document lives beside the resource). */
@Component(service = OpenApiFragment.class)
public class ImportsOpenApi implements OpenApiFragment {

    static final String RESOURCE = "openapi.json";

    @Override
    public String json() {
        try (InputStream in = ImportsOpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
