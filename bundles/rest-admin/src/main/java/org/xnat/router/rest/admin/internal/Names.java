package org.xnat.router.rest.admin.internal;

import java.util.regex.Pattern;

/** Names of things created through the API (destinations, brokers, scripts): used in paths and config keys. */
final class Names {

    static final int MAX = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Names() {
    }

    /** {@code name} checked for a new entry, else 400 with a problem on {@code name}. */
    static String check(Object name) {
        if (!(name instanceof String s) || s.isBlank()) {
            throw ApiException.invalid("name", "is required");
        }
        if (s.length() > MAX) {
            throw ApiException.invalid("name", "must be at most " + MAX + " characters");
        }
        if (!NAME.matcher(s).matches()) {
            throw ApiException.invalid("name", "may hold letters, digits, '.', '_' and '-' and must start with a letter"
                    + " or digit, got '" + s + "'");
        }
        return s;
    }
}
