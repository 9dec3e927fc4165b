package org.xnat.router.rest.admin.internal.metrics;

import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/metrics/throughput?minutes=60}: instances and bytes received and delivered per minute (the
 * dashboard's chart). Any role may read it.
 */
@Component(service = ThroughputResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("metrics")
public class ThroughputResource {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputResource.class);

    private final Throughput throughput;

    @Activate
    public ThroughputResource(@Reference(target = "(dataSourceName=router)") DataSource dataSource) {
        this.throughput = new Throughput(dataSource);
    }

    @GET
    @Path("throughput")
    @Produces(MediaType.APPLICATION_JSON)
    public Response throughput(@QueryParam("minutes") @DefaultValue("60") String minutesParam) {
        int minutes;
        try {
            minutes = Integer.parseInt(minutesParam.strip());
        } catch (NumberFormatException e) {
            return error(400, "minutes must be a whole number between 1 and " + Throughput.MAX_MINUTES);
        }
        List<Throughput.Minute> rows;
        try {
            rows = throughput.lastMinutes(minutes);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (SQLException e) {
            LOG.warn("throughput query failed: {}", e.getMessage());
            return error(503, "the database did not answer: " + e.getMessage());
        }
        return Response.ok(body(minutes, rows)).build();
    }

    static Map<String, Object> body(int minutes, List<Throughput.Minute> rows) {
        long ri = 0;
        long rb = 0;
        long di = 0;
        long db = 0;
        List<Map<String, Object>> points = new java.util.ArrayList<>(rows.size());
        for (Throughput.Minute m : rows) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("minute", m.minute().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            p.put("received_instances", m.receivedInstances());
            p.put("received_bytes", m.receivedBytes());
            p.put("delivered_instances", m.deliveredInstances());
            p.put("delivered_bytes", m.deliveredBytes());
            points.add(p);
            ri += m.receivedInstances();
            rb += m.receivedBytes();
            di += m.deliveredInstances();
            db += m.deliveredBytes();
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("received_instances", ri);
        totals.put("received_bytes", rb);
        totals.put("delivered_instances", di);
        totals.put("delivered_bytes", db);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("minutes", minutes);
        out.put("points", points);
        out.put("totals", totals);
        return out;
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
