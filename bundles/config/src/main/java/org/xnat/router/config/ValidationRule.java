package org.xnat.router.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One of a route's {@code validation_rules}: a check every instance must pass.
 *
 * @param name a label ({@code null} if absent)
 * @param description free text ({@code null} if absent)
 * @param type what is checked
 * @param tag the attribute; {@code null} only for {@code modality_check} (which checks Modality)
 * @param operator for {@code tag_value}: how to compare; {@code null} otherwise
 * @param value for {@code tag_value}
 * @param values for {@code tag_value} with {@code in}, and the allowed modalities of {@code modality_check}
 * @param minLength for {@code tag_length} ({@code null}: no minimum)
 * @param maxLength for {@code tag_length} ({@code null}: no maximum)
 * @param onFailure what happens to an instance that fails (default {@code reject})
 */
public record ValidationRule(String name, String description, Type type, Integer tag, MatchOperator operator,
        String value, List<String> values, Integer minLength, Integer maxLength, OnFailure onFailure) {

    public ValidationRule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(onFailure, "onFailure");
        values = Immutables.list(values);
    }

    public enum Type implements YamlEnum {
        /** The attribute is present and not empty. */
        REQUIRED_TAG,
        /** The attribute's value matches {@code operator} and {@code value(s)}. */
        TAG_VALUE,
        /** The value's length is within {@code min_length} and {@code max_length}. */
        TAG_LENGTH,
        /** Modality is one of {@code values}. */
        MODALITY_CHECK;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum OnFailure implements YamlEnum {
        /** The instance is refused. */
        REJECT,
        /** The instance is routed and the failure recorded as a warning. */
        WARN,
        /** The instance is routed and the failure only logged. */
        LOG;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
