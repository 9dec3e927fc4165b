package org.xnat.router.rest;

import java.util.Locale;

/** Roles of API keys, from least to most powerful; a role allows everything the roles before it allow. */
public enum Role {
    /** Reads everything (no secrets). */
    VIEWER,
    /** A viewer who may also retry/cancel transfers, import and upload; no configuration changes. */
    OPERATOR,
    /** Everything, including configuration and API keys. */
    ADMIN;

    /** Whether a caller holding this role may do what {@code required} guards. */
    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }

    /** The lower-case name used in JSON and in the {@code api_keys.roles} column. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code admin}, {@code operator}, {@code viewer} (any case). */
    public static Role parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown role '" + s + "' (admin, operator or viewer)");
        }
    }
}
