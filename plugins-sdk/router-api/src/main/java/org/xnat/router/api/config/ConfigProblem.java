package org.xnat.router.api.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration, tied to the field that is wrong so that the file
 * importer, the admin API and the UI can point at it.
 *
 * @param field the property path, e.g. {@code "port"} or {@code "routes[0].destinations[1].destination"}
 * @param message what is wrong, for people, e.g. {@code "must be between 1 and 65535, got 70000"}
 */
public record ConfigProblem(String field, String message) {

    /** Requires both values. */
    public ConfigProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** Shorthand for the constructor. */
    public static ConfigProblem of(String field, String message) {
        return new ConfigProblem(field, message);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
