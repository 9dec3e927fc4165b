package org.xnat.router.rest.admin.internal;

/** Query parameters checked by hand, so a bad one is a 400 in the API's shape rather than a bare 404. */
final class Queries {

    private Queries() {
    }

    static int intParam(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw ApiException.invalid(name, "must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be a whole number, got '" + value + "'");
        }
    }

    static long longParam(String name, String value, long min) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(name, "is required");
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < min) {
                throw ApiException.invalid(name, "must be " + min + " or more, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be a whole number, got '" + value + "'");
        }
    }
}
