package org.xnat.router.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.xnat.router.rest.OpenApiFragment;

/** The {@code /storage} paths of {@code /api/openapi.json} (text kept beside this class). */
@Component(service = OpenApiFragment.class)
public final class StorageOpenApi implements OpenApiFragment {

    static final String RESOURCE = "openapi-storage.json";

    @Override
    public String json() {
        try (InputStream in = StorageOpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
