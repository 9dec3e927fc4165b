package org.xnat.router.config;

import java.util.Locale;

/** How a rule compares an attribute's value with {@code value} / {@code values}. */
public enum MatchOperator implements YamlEnum {
    /** The value equals {@code value}. */
    EQUALS,
    /** The value contains {@code value}. */
    CONTAINS,
    /** The value starts with {@code value}. */
    STARTS_WITH,
    /** The value ends with {@code value}. */
    ENDS_WITH,
    /** The whole value matches the regular expression {@code value} (checked when the file is read). */
    MATCHES,
    /** The value equals one of {@code values}. */
    IN;

    @Override
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the operator compares with the list {@code values} rather than the single {@code value}. */
    public boolean usesValueList() {
        return this == IN;
    }
}
