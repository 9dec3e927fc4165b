package org.xnat.router.rest.core.internal.auth;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;
import org.xnat.router.rest.core.internal.rest.ApiErrors;

/** {@code /api/keys}: list (no secrets), create (the key is in the answer, once), revoke. Admin only. */
@Component(service = KeysResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("keys")
@RequiresRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    static final int MAX_EXPIRY_DAYS = 3650;

    private final ApiKeyService keys;
    private final AuditLog audit;

    @Activate
    public KeysResource(@Reference ApiKeyService keys, @Reference AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @GET
    public List<Map<String, Object>> list() {
        try {
            Instant now = Instant.now();
            List<Map<String, Object>> out = new ArrayList<>();
            for (ApiKey k : keys.list()) {
                out.add(json(k, now));
            }
            return out;
        } catch (SQLException e) {
            throw ApiErrors.unavailable("the database is not available: " + e.getMessage());
        }
    }

    /** Body: {@code {"name": "...", "role": "viewer|operator|admin", "expiresAt": ISO | "expiresInDays": N}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Map<String, Object> body, @Context SecurityContext security) {
        if (body == null) {
            throw ApiErrors.badRequest("body", "a JSON object with name and role is required");
        }
        String name = text(body, "name");
        String problem = ApiKeyService.nameProblem(name);
        if (problem != null) {
            throw ApiErrors.badRequest("name", problem);
        }
        String roleText = text(body, "role");
        if (roleText == null) {
            throw ApiErrors.badRequest("role", "required: admin, operator or viewer");
        }
        Role role;
        try {
            role = Role.parse(roleText);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest("role", e.getMessage());
        }
        Instant expiresAt = expiry(body);
        Caller caller = Caller.of(security);
        try {
            ApiKeyService.Created created = keys.create(name, role, expiresAt, caller.name());
            audit.record(caller, "api-key.create", "api-key", String.valueOf(created.key().id()),
                    detail(created.key()));
            Map<String, Object> out = json(created.key(), Instant.now());
            out.put("key", created.secret());
            out.put("note", "the key is shown only now: store it safely");
            return Response.status(Response.Status.CREATED).entity(out).build();
        } catch (ApiKeyService.NameTakenException e) {
            throw ApiErrors.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest("expiresAt", e.getMessage());
        } catch (SQLException e) {
            throw ApiErrors.unavailable("the database is not available: " + e.getMessage());
        }
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> revoke(@PathParam("id") String idText, @Context SecurityContext security) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw ApiErrors.badRequest("id", "not a key id: '" + ApiErrors.cap(idText) + "'");
        }
        Caller caller = Caller.of(security);
        try {
            Optional<ApiKeyService.Revoked> revoked = keys.revoke(id);
            if (revoked.isEmpty()) {
                throw ApiErrors.notFound("no API key with id " + id);
            }
            if (revoked.get().changed()) {
                audit.record(caller, "api-key.revoke", "api-key", String.valueOf(id), detail(revoked.get().key()));
            }
            return json(revoked.get().key(), Instant.now());
        } catch (SQLException e) {
            throw ApiErrors.unavailable("the database is not available: " + e.getMessage());
        }
    }

    private static Instant expiry(Map<String, Object> body) {
        Object at = body.get("expiresAt");
        Object days = body.get("expiresInDays");
        if (at != null && days != null) {
            throw ApiErrors.badRequest("expiresAt", "give expiresAt or expiresInDays, not both");
        }
        if (at != null) {
            Instant t = ApiErrors.instant("expiresAt", String.valueOf(at));
            if (!t.isAfter(Instant.now())) {
                throw ApiErrors.badRequest("expiresAt", "must be in the future");
            }
            return t;
        }
        if (days != null) {
            if (!(days instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < 1
                    || n.longValue() > MAX_EXPIRY_DAYS) {
                throw ApiErrors.badRequest("expiresInDays", "a whole number of days, 1.." + MAX_EXPIRY_DAYS);
            }
            return Instant.now().plus(Duration.ofDays(n.longValue()));
        }
        return null;
    }

    private static String text(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiErrors.badRequest(field, "must be a string");
        }
        return s.strip();
    }

    private static Map<String, Object> detail(ApiKey k) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", k.name());
        d.put("role", k.role() == null ? null : k.role().id());
        d.put("expiresAt", ApiErrors.iso(k.expiresAt()));
        return d;
    }

    static Map<String, Object> json(ApiKey k, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("role", k.role() == null ? null : k.role().id());
        m.put("state", k.state(now));
        m.put("createdAt", ApiErrors.iso(k.createdAt()));
        m.put("createdBy", k.createdBy());
        m.put("expiresAt", ApiErrors.iso(k.expiresAt()));
        m.put("lastUsedAt", ApiErrors.iso(k.lastUsedAt()));
        m.put("revokedAt", ApiErrors.iso(k.revokedAt()));
        return m;
    }
}
