package org.xnat.router.rest.core.internal.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** The API's JSON errors: {@code {"error": "...", "problems": [{"field": "...", "message": "..."}]}}. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static Response response(Response.Status status, String message) {
        return response(status, message, List.of());
    }

    public static Response response(Response.Status status, String message, List<Map<String, String>> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    public static WebApplicationException badRequest(String field, String message) {
        return new WebApplicationException(response(Response.Status.BAD_REQUEST, field + ": " + message,
                List.of(Map.of("field", field, "message", message))));
    }

    public static WebApplicationException notFound(String message) {
        return new WebApplicationException(response(Response.Status.NOT_FOUND, message));
    }

    public static WebApplicationException conflict(String message) {
        return new WebApplicationException(response(Response.Status.CONFLICT, message));
    }

    public static WebApplicationException unavailable(String message) {
        return new WebApplicationException(response(Response.Status.SERVICE_UNAVAILABLE, message));
    }

    /** An ISO-8601 instant parameter ({@code 2026-01-31T12:00:00Z}), or {@code null} when absent. */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw badRequest(field, "not an ISO-8601 instant such as 2026-01-31T12:00:00Z: '" + cap(value) + "'");
        }
    }

    /** An integer parameter within bounds, or the default when absent. */
    public static int integer(String field, String value, int defaultValue, int min, int max) {
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
            throw badRequest(field, "not a number: '" + cap(value) + "'");
        }
    }

    /** Text for an error message, never unbounded. */
    public static String cap(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** An optional text filter: {@code null} when blank; at most {@code max} characters. */
    public static String filter(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw badRequest(field, "at most " + max + " characters");
        }
        return value.strip();
    }

    /** ISO text of an instant, {@code null} for none. */
    public static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
