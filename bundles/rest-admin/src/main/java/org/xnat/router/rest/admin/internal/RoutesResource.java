package org.xnat.router.rest.admin.internal;

import static org.xnat.router.rest.admin.internal.ConfigEditor.asMap;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.routing.RoutingStatus;

/**
 * {@code /api/routes}: the routes of the configuration (each a DICOM listener with its destinations, rules and
 * filters, in the config.yaml shape), with the live state of their listeners. A route is named by its AE title.
 */
@Component(service = RoutesResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("routes")
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    private final ConfigEditor editor;
    private final RoutingStatus routing;

    @Activate
    public RoutesResource(@Reference ConfigStore store,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            RoutingStatus routing) {
        this.editor = new ConfigEditor(store);
        this.routing = routing;
    }

    @GET
    public Response list() {
        ConfigVersion v = editor.current();
        List<RoutingStatus.RouteStatus> live = live();
        List<Object> out = new ArrayList<>();
        for (Object r : ConfigEditor.readList(v.document(), "routes")) {
            Map<String, Object> route = asMap(r);
            if (route != null) {
                out.add(withStatus(route, live));
            }
        }
        return ConfigEditor.ok(200, v, out);
    }

    @GET
    @Path("{aeTitle}")
    public Response get(@PathParam("aeTitle") String aeTitle) {
        ConfigVersion v = editor.current();
        return ConfigEditor.ok(200, v, withStatus(find(v.document(), aeTitle), live()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        Map<String, Object> route = Bodies.object(body);
        String ae = aeTitle(route);
        ConfigVersion v = editor.update(ifMatch, security, comment, "route " + ae + " created", doc -> {
            List<Object> routes = ConfigEditor.list(doc, "routes");
            if (indexOf(routes, ae) >= 0) {
                throw ApiException.invalid("ae_title", "a route with AE title '" + ae + "' exists already");
            }
            Secrets.restore(route, null, "");
            routes.add(route);
        });
        return Response.fromResponse(ConfigEditor.ok(201, v, withStatus(find(v.document(), ae), live())))
                .location(URI.create("routes/" + ae)).build();
    }

    @PUT
    @Path("{aeTitle}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("aeTitle") String aeTitle, InputStream body,
            @HeaderParam("If-Match") String ifMatch, @QueryParam("comment") String comment,
            @Context SecurityContext security) {
        Map<String, Object> route = Bodies.object(body);
        route.putIfAbsent("ae_title", aeTitle);
        String newAe = aeTitle(route);
        ConfigVersion v = editor.update(ifMatch, security, comment, "route " + aeTitle + " replaced", doc -> {
            List<Object> routes = ConfigEditor.list(doc, "routes");
            int i = require(routes, aeTitle);
            int other = indexOf(routes, newAe);
            if (other >= 0 && other != i) {
                throw ApiException.invalid("ae_title", "a route with AE title '" + newAe + "' exists already");
            }
            Secrets.restore(route, routes.get(i), "");
            routes.set(i, route);
        });
        return ConfigEditor.ok(200, v, withStatus(find(v.document(), newAe), live()));
    }

    @POST
    @Path("{aeTitle}/enable")
    public Response enable(@PathParam("aeTitle") String aeTitle, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        return setEnabled(aeTitle, true, ifMatch, comment, security);
    }

    @POST
    @Path("{aeTitle}/disable")
    public Response disable(@PathParam("aeTitle") String aeTitle, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        return setEnabled(aeTitle, false, ifMatch, comment, security);
    }

    @DELETE
    @Path("{aeTitle}")
    public Response delete(@PathParam("aeTitle") String aeTitle, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        ConfigVersion v = editor.update(ifMatch, security, comment, "route " + aeTitle + " deleted", doc -> {
            List<Object> routes = ConfigEditor.list(doc, "routes");
            routes.remove(require(routes, aeTitle));
        });
        return Response.noContent().tag(ConfigEditor.etag(v)).header("X-Config-Version", v.id()).build();
    }

    private Response setEnabled(String aeTitle, boolean enabled, String ifMatch, String comment,
            SecurityContext security) {
        ConfigVersion v = editor.update(ifMatch, security, comment,
                "route " + aeTitle + (enabled ? " enabled" : " disabled"), doc -> {
                    List<Object> routes = ConfigEditor.list(doc, "routes");
                    asMap(routes.get(require(routes, aeTitle))).put("enabled", enabled);
                });
        return ConfigEditor.ok(200, v, withStatus(find(v.document(), aeTitle), live()));
    }

    // ----- helpers

    private List<RoutingStatus.RouteStatus> live() {
        if (routing == null) {
            return null;
        }
        try {
            return routing.routes();
        } catch (RuntimeException e) {
            return null; // the configuration is still worth showing when the engine cannot tell its state
        }
    }

    private static Map<String, Object> withStatus(Map<String, Object> route, List<RoutingStatus.RouteStatus> live) {
        Map<String, Object> out = Secrets.maskMap(route);
        Map<String, Object> status = new LinkedHashMap<>();
        if (live == null) {
            status.put("listening", false);
            status.put("problem", "the routing engine is not running");
        } else {
            String ae = String.valueOf(route.get("ae_title")).strip();
            RoutingStatus.RouteStatus s = live.stream().filter(r -> r.aeTitle().equals(ae)).findFirst()
                    .or(() -> live.stream().filter(r -> r.aeTitle().equalsIgnoreCase(ae)).findFirst()).orElse(null);
            status.put("listening", s != null && s.listening());
            status.put("problem", s == null ? "not (yet) known to the routing engine" : s.problem());
        }
        out.put("status", status);
        return out;
    }

    static String aeTitle(Map<String, Object> route) {
        route.remove("status"); // as GET answers it; never stored
        Object ae = route.get("ae_title");
        if (!(ae instanceof String s) || s.isBlank()) {
            throw ApiException.invalid("ae_title", "is required");
        }
        return s.strip();
    }

    /** Index of the route with that AE title: exact first, else ignoring case; -1 if none. */
    static int indexOf(List<Object> routes, String aeTitle) {
        String want = aeTitle.strip();
        int loose = -1;
        for (int i = 0; i < routes.size(); i++) {
            Map<String, Object> r = asMap(routes.get(i));
            if (r != null && r.get("ae_title") instanceof String ae) {
                if (ae.strip().equals(want)) {
                    return i;
                }
                if (loose < 0 && ae.strip().toUpperCase(Locale.ROOT).equals(want.toUpperCase(Locale.ROOT))) {
                    loose = i;
                }
            }
        }
        return loose;
    }

    private static int require(List<Object> routes, String aeTitle) {
        int i = indexOf(routes, aeTitle);
        if (i < 0) {
            throw ApiException.notFound("no route with AE title '" + aeTitle + "'");
        }
        return i;
    }

    static Map<String, Object> find(Map<String, Object> doc, String aeTitle) {
        List<Object> routes = ConfigEditor.readList(doc, "routes");
        return asMap(routes.get(require(routes, aeTitle)));
    }
}
