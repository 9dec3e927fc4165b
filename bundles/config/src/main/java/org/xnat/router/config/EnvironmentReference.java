package org.xnat.router.config;

import java.util.Objects;

/**
 * A value written with {@code ${ENV_VAR}} references.
 *
 * @param written the text in the file, e.g. {@code ${XNAT_PASSWORD}}
 * @param value the text it resolved to (before conversion to a number or boolean)
 */
public record EnvironmentReference(String written, String value) {

    public EnvironmentReference {
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(value, "value");
    }

    /** Hides the value: it is often a secret. */
    @Override
    public String toString() {
        return written;
    }
}
