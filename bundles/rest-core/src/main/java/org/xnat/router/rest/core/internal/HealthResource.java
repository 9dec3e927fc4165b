package org.xnat.router.rest.core.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;
import org.xnat.router.rest.core.internal.auth.PublicResource;

/**
 * {@code GET /api/health}: the overall status (the worst of every registered
 * {@link HealthIndicator}), the database's status, version and uptime. Answers 503 when DOWN so
 * load balancers and scripts can use the status code alone.
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=" + RouterApplication.NAME + ")")
@JSONRequired
@Path("health")
@PublicResource
public class HealthResource {

    private static final long CHECK_TIMEOUT_MILLIS = 5_000;

    private final String version;
    private final HealthAggregator aggregator = new HealthAggregator(CHECK_TIMEOUT_MILLIS);

    /** Indicators come and go with their bundles: a dynamic whiteboard, hence field injection. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();

    @Activate
    public HealthResource(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    @Deactivate
    void deactivate() {
        aggregator.close();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        Map<String, HealthReport> reports = aggregator.checkAll(indicators);
        HealthStatus status = HealthAggregator.overall(reports);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.name());
        body.put("database", part(reports.get(HealthAggregator.DATABASE)));
        Map<String, Object> components = new LinkedHashMap<>();
        reports.forEach((name, report) -> components.put(name, part(report)));
        body.put("components", components);
        body.put("version", version);
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        body.put("uptime", uptime.toSeconds());
        body.put("uptimeText", uptimeText(uptime));
        return Response.status(status == HealthStatus.DOWN ? 503 : 200).entity(body).build();
    }

    private static Map<String, Object> part(HealthReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", report.status().name());
        map.put("detail", report.detail());
        return map;
    }

    static String uptimeText(Duration d) {
        return String.format("%dd %02dh %02dm %02ds", d.toDays(), d.toHoursPart(), d.toMinutesPart(),
                d.toSecondsPart());
    }
}
