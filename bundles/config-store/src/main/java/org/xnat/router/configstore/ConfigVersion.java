package org.xnat.router.configstore;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.xnat.router.config.RouterConfig;

/**
 * One saved version of the configuration.
 *
 * @param id increasing version number; 0 = nothing saved yet
 * @param createdAt when it was saved
 * @param author who saved it
 * @param comment why, as given by the author (may be empty)
 * @param document the stored JSON document (config.yaml shape, {@code ${ENV_VAR}} unresolved); unmodifiable
 * @param config the document read as the routing engine uses it ({@code ${ENV_VAR}} resolved)
 */
public record ConfigVersion(long id, Instant createdAt, ChangeAuthor author, String comment,
        Map<String, Object> document, RouterConfig config) {

    public ConfigVersion {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(author, "author");
        comment = comment == null ? "" : comment;
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(config, "config");
    }
}
