package org.xnat.router.rest.admin.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;
import org.xnat.router.routing.RoutingStatus;

/**
 * {@code /api/destinations}: the named destinations of the configuration with their live state (availability,
 * last problem, queue counts), and a check of the remote side ({@code POST /{name}/check}, operators too).
 */
@Component(service = DestinationsResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("destinations")
@Produces(MediaType.APPLICATION_JSON)
public class DestinationsResource {

    /** A check (C-ECHO, HTTP) has its own timeouts; this bounds the request whatever the destination does. */
    static final long CHECK_TIMEOUT_SECONDS = 60;
    private static final NamedSection SECTION = new NamedSection("destinations", "destination");

    private final ConfigEditor editor;
    private final RoutingStatus routing;
    private final AuditLog audit;
    private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rest-admin-destination-check");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public DestinationsResource(@Reference ConfigStore store,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            RoutingStatus routing,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            AuditLog audit) {
        this.editor = new ConfigEditor(store);
        this.routing = routing;
        this.audit = audit;
    }

    @Deactivate
    void deactivate() {
        checks.shutdownNow();
    }

    @GET
    public Response list() {
        ConfigVersion v = editor.current();
        Map<String, RoutingStatus.DestinationStatus> live = live();
        List<Object> out = new ArrayList<>();
        ConfigEditor.read(v.document(), SECTION.key())
                .forEach((name, d) -> out.add(withStatus(name, d, live, v.document())));
        return ConfigEditor.ok(200, v, out);
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        ConfigVersion v = editor.current();
        return ConfigEditor.ok(200, v, withStatus(name, SECTION.stored(v.document(), name), live(), v.document()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        Map<String, Object> in = Bodies.object(body);
        String name = Names.check(in.get("name"));
        Map<String, Object> destination = NamedSection.storable(in);
        ConfigVersion v = editor.update(ifMatch, security, comment, "destination " + name + " created", doc -> {
            Map<String, Object> section = ConfigEditor.section(doc, SECTION.key());
            if (section.containsKey(name)) {
                throw ApiException.invalid("name", "a destination named '" + name + "' exists already");
            }
            Secrets.restore(destination, null, "");
            section.put(name, destination);
        });
        return Response.fromResponse(ConfigEditor.ok(201, v,
                withStatus(name, SECTION.stored(v.document(), name), live(), v.document())))
                .location(URI.create("destinations/" + name)).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("name") String name, InputStream body, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        Map<String, Object> in = Bodies.object(body);
        if (in.get("name") != null && !name.equals(in.get("name"))) {
            throw ApiException.invalid("name", "a destination cannot be renamed (create the new one, point the routes"
                    + " at it, then delete the old one)");
        }
        Map<String, Object> destination = NamedSection.storable(in);
        ConfigVersion v = editor.update(ifMatch, security, comment, "destination " + name + " replaced", doc -> {
            Map<String, Object> section = ConfigEditor.section(doc, SECTION.key());
            Object old = SECTION.stored(doc, name);
            Secrets.restore(destination, old, "");
            section.put(name, destination);
        });
        return ConfigEditor.ok(200, v, withStatus(name, SECTION.stored(v.document(), name), live(), v.document()));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        ConfigVersion v = editor.update(ifMatch, security, comment, "destination " + name + " deleted", doc -> {
            SECTION.stored(doc, name);
            Set<String> users = References.routesUsingDestination(doc, name);
            if (!users.isEmpty()) {
                throw ApiException.invalid("name", "destination '" + name + "' is used by route(s) "
                        + String.join(", ", users) + "; remove it from them first");
            }
            ConfigEditor.section(doc, SECTION.key()).remove(name);
        });
        return Response.noContent().tag(ConfigEditor.etag(v)).header("X-Config-Version", v.id()).build();
    }

    /** C-ECHO, HTTP ping or a writable directory, as the destination's type checks its remote side. */
    @POST
    @Path("{name}/check")
    @RequiresRole(Role.OPERATOR)
    public Response check(@PathParam("name") String name, @Context SecurityContext security) {
        Caller caller = Caller.of(security);
        SECTION.stored(editor.current().document(), name);
        if (routing == null) {
            throw new ApiException(503, "the routing engine is not running: destinations cannot be checked");
        }
        long start = System.nanoTime();
        HealthReport report;
        CompletableFuture<HealthReport> future = CompletableFuture.supplyAsync(() -> routing.echo(name), checks);
        try {
            report = future.get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            report = HealthReport.down("no answer within " + CHECK_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                // configured but not (yet) running: the engine has not applied the latest version
                throw new ApiException(409, iae.getMessage());
            }
            report = HealthReport.down(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted");
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("status", report.status().name());
        out.put("detail", report.detail());
        out.put("elapsed_ms", elapsed);
        if (audit != null) {
            audit.record(caller, "destination.check", "destination", name,
                    Map.of("status", report.status().name(), "elapsed_ms", elapsed));
        }
        return Response.ok(out).build();
    }

    private Map<String, RoutingStatus.DestinationStatus> live() {
        if (routing == null) {
            return null;
        }
        Map<String, RoutingStatus.DestinationStatus> out = new LinkedHashMap<>();
        try {
            routing.destinations().forEach(d -> out.put(d.name(), d));
        } catch (RuntimeException e) {
            return null;
        }
        return out;
    }

    private static Map<String, Object> withStatus(String name, Object stored,
            Map<String, RoutingStatus.DestinationStatus> live, Map<String, Object> doc) {
        Map<String, Object> out = SECTION.view(name, stored);
        Map<String, Object> status = new LinkedHashMap<>();
        RoutingStatus.DestinationStatus s = live == null ? null : live.get(name);
        if (s == null) {
            status.put("available", false);
            status.put("problem", live == null ? "the routing engine is not running" : "not (yet) known to the routing engine");
        } else {
            status.put("available", s.available());
            status.put("problem", s.problem());
            status.put("delivery", s.delivery());
            status.put("pending", s.pending());
            status.put("in_progress", s.inProgress());
            status.put("failed", s.failed());
        }
        status.put("used_by", List.copyOf(References.routesUsingDestination(doc, name)));
        out.put("status", status);
        return out;
    }
}
