package org.xnat.router.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One of a route's {@code filters}: instances whose attribute matches are excluded, or only they are
 * included.
 *
 * @param name a label ({@code null} if absent)
 * @param description free text ({@code null} if absent)
 * @param tag the attribute
 * @param operator how to compare (default {@code equals})
 * @param value the value for every operator but {@code in}
 * @param values the values for {@code in}
 * @param action {@code include} or {@code exclude} (default {@code exclude})
 */
public record FilterRule(String name, String description, int tag, MatchOperator operator, String value,
        List<String> values, Action action) {

    public FilterRule {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(action, "action");
        values = Immutables.list(values);
    }

    public enum Action implements YamlEnum {
        /** Only matching instances pass. */
        INCLUDE,
        /** Matching instances are dropped. */
        EXCLUDE;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
