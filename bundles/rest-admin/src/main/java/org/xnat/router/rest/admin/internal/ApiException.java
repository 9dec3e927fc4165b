package org.xnat.router.rest.admin.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.xnat.router.api.config.ConfigProblem;

/**
 * An answer other than success, in the API's error shape {@code {"error": "...", "problems": [{"field", "message"}]}}.
 * Thrown anywhere in a resource (also inside a config edit), JAX-RS sends its response.
 */
public final class ApiException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public ApiException(int status, String message, List<?> problems) {
        super(message, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(message, problems)).build());
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, field + ": " + message, List.of(ConfigProblem.of(field, message)));
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static Map<String, Object> body(String message, List<?> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (problems != null && !problems.isEmpty()) {
            body.put("problems", problems.stream().map(ApiException::problem).toList());
        }
        return body;
    }

    /** {@link ConfigProblem}s as {@code {field, message}}; maps (e.g. with line and column) as they are. */
    private static Object problem(Object p) {
        if (p instanceof ConfigProblem c) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", c.field());
            m.put("message", c.message());
            return m;
        }
        return p;
    }
}
