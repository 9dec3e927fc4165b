package org.xnat.router.rest.admin.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.xnat.router.rest.Caller;
import org.xnat.router.rest.Role;

/** What the JAX-RS runtime would hand the resources, for calling them directly. */
final class Requests {

    private Requests() {
    }

    static InputStream json(String json) {
        return new ByteArrayInputStream(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static SecurityContext as(String name, Role role) {
        Caller caller = new Caller(name, role, "127.0.0.1");
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String r) {
                return role.allows(Role.parse(r));
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "API-Key";
            }
        };
    }

    static final SecurityContext ADMIN = as("test-admin", Role.ADMIN);

    /** The response of a call, also when the resource answered by throwing. */
    static Response call(Supplier<Response> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(Response r) {
        return (Map<String, Object>) r.getEntity();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Response r) {
        return (List<Map<String, Object>>) r.getEntity();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> problems(Response r) {
        return (List<Map<String, Object>>) body(r).get("problems");
    }
}
