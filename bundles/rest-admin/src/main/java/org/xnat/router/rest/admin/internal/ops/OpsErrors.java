package org.xnat.router.rest.admin.internal.ops;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Parameter checks and the API's JSON errors ({@code {"error": ..., "problems": [{"field", "message"}]}}). */
final class OpsErrors {

    private OpsErrors() {
    }

    static WebApplicationException error(Response.Status status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build());
    }

    static WebApplicationException badRequest(String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", field + ": " + message);
        body.put("problems", List.of(Map.of("field", field, "message", message)));
        return new WebApplicationException(Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(body).build());
    }

    static int integer(String field, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw badRequest(field, "must be " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw badRequest(field, "not a whole number: '" + cap(value) + "'");
        }
    }

    static long id(String field, String value) {
        try {
            long id = Long.parseLong(value.strip());
            if (id < 1) {
                throw badRequest(field, "must be a positive id, got " + id);
            }
            return id;
        } catch (NumberFormatException e) {
            throw badRequest(field, "not an id: '" + cap(value) + "'");
        }
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw badRequest(field, "not an ISO-8601 instant such as 2026-01-31T12:00:00Z: '" + cap(value) + "'");
        }
    }

    static String filter(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw badRequest(field, "at most " + max + " characters");
        }
        return value.strip();
    }

    static String cap(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
