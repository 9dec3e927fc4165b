package org.xnat.router.config;

import java.util.Objects;
import org.xnat.router.api.config.ConfigProblem;

/**
 * A problem (or warning) in a configuration file, pointing at the place to fix.
 *
 * @param file the file as given to the reader
 * @param line 1-based line, 0 if it concerns the file as a whole
 * @param column 1-based column, 0 if unknown
 * @param field path of the field, e.g. {@code routes[0].destinations[1].destination}; {@code ""} for the file
 * @param message what is wrong, for people
 */
public record ConfigIssue(String file, int line, int column, String field, String message) {

    public ConfigIssue {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    public ConfigProblem toProblem() {
        return ConfigProblem.of(field, message);
    }

    /** {@code config.yaml:12:5: routes[0].port: must be between 1 and 65535, got 70000} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ");
        if (!field.isEmpty()) {
            s.append(field).append(": ");
        }
        return s.append(message).toString();
    }
}
