package org.xnat.router.configstore;

import java.time.Instant;
import java.util.List;

/**
 * A version in the history list.
 *
 * @param id version number
 * @param createdAt when it was saved
 * @param author who saved it
 * @param comment why
 * @param changes the paths that changed from the previous version, e.g. {@code routes[ROUTER].port}
 */
public record ConfigVersionSummary(long id, Instant createdAt, ChangeAuthor author, String comment,
        List<String> changes) {

    public ConfigVersionSummary {
        comment = comment == null ? "" : comment;
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
