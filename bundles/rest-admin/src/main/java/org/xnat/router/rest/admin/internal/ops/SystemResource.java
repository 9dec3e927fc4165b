package org.xnat.router.rest.admin.internal.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.routing.RoutingStatus;

/**
 * {@code GET /api/system/status}: what runs on this router instance: routes and whether they listen,
 * destinations with their queue depths, the spool's disk, the database's health, version, uptime, JVM memory.
 */
@Component(service = SystemResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("system")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    private static final long HEALTH_TIMEOUT_MILLIS = 5_000;

    private final RoutingStatus routing;
    private final String version;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(health.name=database)")
    private volatile HealthIndicator database;

    @Activate
    public SystemResource(@Reference RoutingStatus routing, BundleContext context) {
        this.routing = routing;
        this.version = context.getBundle().getVersion().toString();
    }

    SystemResource(RoutingStatus routing, String version, HealthIndicator database) {
        this.routing = routing;
        this.version = version;
        this.database = database;
    }

    @GET
    @Path("status")
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version);
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        out.put("uptimeSeconds", uptime.toSeconds());
        out.put("database", database());
        List<Map<String, Object>> routes = new ArrayList<>();
        for (RoutingStatus.RouteStatus r : routing.routes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("aeTitle", r.aeTitle());
            m.put("port", r.port());
            m.put("enabled", r.enabled());
            m.put("listening", r.listening());
            m.put("problem", r.problem());
            m.put("destinations", r.destinations());
            routes.add(m);
        }
        out.put("routes", routes);
        List<Map<String, Object>> destinations = new ArrayList<>();
        for (RoutingStatus.DestinationStatus d : routing.destinations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            m.put("type", d.type());
            m.put("delivery", d.delivery());
            m.put("available", d.available());
            m.put("problem", d.problem());
            m.put("pending", d.pending());
            m.put("inProgress", d.inProgress());
            m.put("failed", d.failed());
            destinations.add(m);
        }
        out.put("destinations", destinations);
        RoutingStatus.SpoolStatus spool = routing.spoolStatus();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("directory", spool.directory());
        s.put("freeBytes", spool.freeBytes());
        s.put("totalBytes", spool.totalBytes());
        s.put("minFreeBytes", spool.minFreeBytes());
        out.put("spool", s);
        out.put("jvm", jvm());
        return out;
    }

    private Map<String, Object> database() {
        HealthIndicator indicator = database;
        HealthReport report;
        if (indicator == null) {
            report = HealthReport.down("the persistence bundle has not registered its database health indicator");
        } else {
            CompletableFuture<HealthReport> f = CompletableFuture.supplyAsync(indicator::check);
            try {
                report = f.get(HEALTH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
                report = HealthReport.down("the database health check did not answer within 5 s");
            } catch (java.util.concurrent.ExecutionException e) {
                report = HealthReport.down("the database health check failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                report = HealthReport.down("interrupted");
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", report.status().name());
        m.put("detail", report.detail());
        return m;
    }

    private static Map<String, Object> jvm() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("javaVersion", System.getProperty("java.version"));
        m.put("heapUsedBytes", heap.getUsed());
        m.put("heapCommittedBytes", heap.getCommitted());
        m.put("heapMaxBytes", heap.getMax());
        m.put("nonHeapUsedBytes", nonHeap.getUsed());
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        m.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        return m;
    }
}
