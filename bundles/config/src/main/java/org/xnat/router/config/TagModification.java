package org.xnat.router.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One of a route's {@code tag_modifications}, applied to each instance before de-identification.
 *
 * @param name a label ({@code null} if absent)
 * @param description free text ({@code null} if absent)
 * @param tag the attribute changed
 * @param action what is done (default {@code set})
 * @param value for {@code set}, {@code prefix}, {@code suffix}
 * @param sourceTag for {@code copy_from}: the attribute copied ({@code null} otherwise)
 * @param pattern for {@code replace}: a regular expression (checked when the file is read)
 * @param replacement for {@code replace}: the replacement ({@code $1} refers to groups; {@code ""} if absent)
 * @param condition applies the modification only when it holds ({@code null}: always); kept as written
 */
public record TagModification(String name, String description, int tag, Action action, String value,
        Integer sourceTag, String pattern, String replacement, String condition) {

    public TagModification {
        Objects.requireNonNull(action, "action");
    }

    public enum Action implements YamlEnum {
        /** Set the value to {@code value}. */
        SET,
        /** Copy the value of {@code source_tag}. */
        COPY_FROM,
        /** Put {@code value} before the value. */
        PREFIX,
        /** Put {@code value} after the value. */
        SUFFIX,
        /** Replace matches of {@code pattern} with {@code replacement}. */
        REPLACE,
        /** Remove the attribute. */
        REMOVE,
        /** Replace the value by a hash of it. */
        HASH;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
