package org.xnat.router.rest.core.internal.audit;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;
import org.xnat.router.rest.core.internal.rest.ApiErrors;

/** {@code GET /api/audit}: the audit trail, newest first, filtered and paginated. Admin only. */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("audit")
@RequiresRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int DEFAULT_LIMIT = 100;

    private final AuditLogService audit;

    @Activate
    public AuditResource(@Reference AuditLogService audit) {
        this.audit = audit;
    }

    @GET
    public Map<String, Object> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("targetType") String targetType, @QueryParam("targetId") String targetId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        AuditQuery query;
        Instant fromAt = ApiErrors.instant("from", from);
        Instant toAt = ApiErrors.instant("to", to);
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
            throw ApiErrors.badRequest("from", "must be before 'to'");
        }
        query = new AuditQuery(ApiErrors.filter("actor", actor, 500), ApiErrors.filter("action", action, 100),
                ApiErrors.filter("targetType", targetType, 100), ApiErrors.filter("targetId", targetId, 500),
                fromAt, toAt, ApiErrors.integer("limit", limit, DEFAULT_LIMIT, 1, AuditQuery.MAX_LIMIT),
                ApiErrors.integer("offset", offset, 0, 0, Integer.MAX_VALUE));
        try {
            AuditLogService.Page page = audit.query(query);
            List<Map<String, Object>> items = new ArrayList<>();
            for (AuditEntry e : page.items()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", e.id());
                m.put("occurredAt", ApiErrors.iso(e.occurredAt()));
                m.put("actor", e.actor());
                m.put("action", e.action());
                m.put("targetType", e.targetType());
                m.put("targetId", e.targetId());
                m.put("remoteAddress", e.remoteAddress());
                m.put("detail", e.detail());
                items.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("total", page.total());
            out.put("limit", query.limit());
            out.put("offset", query.offset());
            out.put("items", items);
            return out;
        } catch (SQLException e) {
            throw ApiErrors.unavailable("the database is not available: " + e.getMessage());
        }
    }
}
