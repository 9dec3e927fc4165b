package org.xnat.router.rest.admin.internal.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
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
import org.xnat.router.routing.TransferInstance;
import org.xnat.router.routing.TransferPage;
import org.xnat.router.routing.TransferSearch;
import org.xnat.router.routing.TransferSummary;
import org.xnat.router.routing.Transfers;

/**
 * {@code /api/transfers}: tracking (one transfer = one study received on a route, for one destination), with
 * retry and cancel for operators. Reads PostgreSQL, so it shows the work of every router sharing the database.
 */
@Component(service = TransfersResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("transfers")
@Produces(MediaType.APPLICATION_JSON)
public class TransfersResource {

    static final Set<String> STATUSES = Set.of("QUEUED", "SENDING", "RETRYING", "DONE", "PARTIAL", "FAILED",
            "REJECTED", "CANCELLED");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_INSTANCES = 1000;
    static final int MAX_INSTANCES = 10_000;

    private final Transfers transfers;
    private final AuditLog audit;

    @Activate
    public TransfersResource(@Reference Transfers transfers, @Reference AuditLog audit) {
        this.transfers = transfers;
        this.audit = audit;
    }

    @GET
    public Map<String, Object> list(@QueryParam("status") String status, @QueryParam("route") String route,
            @QueryParam("destination") String destination, @QueryParam("study") String study,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        String s = OpsErrors.filter("status", status, 20);
        if (s != null && !STATUSES.contains(s.toUpperCase(Locale.ROOT))) {
            throw OpsErrors.badRequest("status", "one of " + String.join(", ", sorted(STATUSES)).toLowerCase(Locale.ROOT));
        }
        var fromAt = OpsErrors.instant("from", from);
        var toAt = OpsErrors.instant("to", to);
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
            throw OpsErrors.badRequest("from", "must be before 'to'");
        }
        TransferSearch search = new TransferSearch(s, OpsErrors.filter("route", route, 16),
                OpsErrors.filter("study", study, 64), OpsErrors.filter("destination", destination, 255), fromAt, toAt,
                OpsErrors.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                OpsErrors.integer("offset", offset, 0, 0, Integer.MAX_VALUE));
        TransferPage page = transfers.search(search);
        List<Map<String, Object>> items = new ArrayList<>();
        page.items().forEach(t -> items.add(json(t)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", page.total());
        out.put("limit", search.limit());
        out.put("offset", search.offset());
        out.put("items", items);
        return out;
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String idText, @QueryParam("instances") String instanceLimit) {
        long id = OpsErrors.id("id", idText);
        int max = OpsErrors.integer("instances", instanceLimit, DEFAULT_INSTANCES, 0, MAX_INSTANCES);
        TransferSummary t = transfers.get(id)
                .orElseThrow(() -> OpsErrors.error(Response.Status.NOT_FOUND, "no transfer with id " + id));
        Map<String, Object> out = json(t);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (max > 0) {
            // one more than asked tells whether the list is complete
            List<TransferInstance> instances = transfers.instances(id, max + 1);
            for (TransferInstance i : instances.subList(0, Math.min(max, instances.size()))) {
                rows.add(json(i));
            }
            out.put("instancesTruncated", instances.size() > max);
        } else {
            out.put("instancesTruncated", t.fileCount() > 0);
        }
        out.put("instances", rows);
        return out;
    }

    @POST
    @Path("{id}/retry")
    @RequiresRole(Role.OPERATOR)
    public Map<String, Object> retry(@PathParam("id") String idText, @Context SecurityContext security) {
        long id = OpsErrors.id("id", idText);
        requireTransfer(id);
        int n = transfers.retry(id);
        audit.record(Caller.of(security), "transfer.retry", "transfer", String.valueOf(id), Map.of("requeued", n));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("requeued", n);
        out.put("transfer", json(requireTransfer(id)));
        return out;
    }

    @POST
    @Path("{id}/cancel")
    @RequiresRole(Role.OPERATOR)
    public Map<String, Object> cancel(@PathParam("id") String idText, @Context SecurityContext security) {
        long id = OpsErrors.id("id", idText);
        requireTransfer(id);
        int n = transfers.cancel(id);
        audit.record(Caller.of(security), "transfer.cancel", "transfer", String.valueOf(id), Map.of("cancelled", n));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("cancelled", n);
        out.put("transfer", json(requireTransfer(id)));
        return out;
    }

    private TransferSummary requireTransfer(long id) {
        return transfers.get(id).orElseThrow(() -> OpsErrors.error(Response.Status.NOT_FOUND, "no transfer with id " + id));
    }

    static Map<String, Object> json(TransferSummary t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("studyInstanceUid", t.studyInstanceUid());
        m.put("route", t.routeAeTitle());
        m.put("callingAeTitle", t.callingAeTitle());
        m.put("destination", t.destination());
        m.put("status", t.status());
        m.put("fileCount", t.fileCount());
        m.put("totalBytes", t.totalBytes());
        m.put("instancesDone", t.instancesDone());
        m.put("instancesFailed", t.instancesFailed());
        m.put("attempts", t.attempts());
        m.put("startedAt", OpsErrors.iso(t.startedAt()));
        m.put("completedAt", OpsErrors.iso(t.completedAt()));
        m.put("lastError", t.lastError());
        return m;
    }

    static Map<String, Object> json(TransferInstance i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sopInstanceUid", i.sopInstanceUid());
        m.put("sopClassUid", i.sopClassUid());
        m.put("seriesInstanceUid", i.seriesInstanceUid());
        m.put("fileSize", i.fileSize());
        m.put("status", i.status());
        m.put("dimseStatus", i.dimseStatus());
        m.put("error", i.error());
        m.put("receivedAt", OpsErrors.iso(i.receivedAt()));
        return m;
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
