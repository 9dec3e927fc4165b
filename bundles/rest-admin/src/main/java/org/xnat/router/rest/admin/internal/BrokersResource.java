package org.xnat.router.rest.admin.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
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
import javax.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.deid.CrosswalkEntry;
import org.xnat.router.deid.CrosswalkPage;
import org.xnat.router.deid.Crosswalks;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;

/**
 * {@code /api/brokers}: the honest brokers of the configuration ({@code honest_brokers:}), and their crosswalks.
 * A crosswalk maps original identifiers to research ones: it is re-identification data, so reading it needs the
 * admin role (not viewer) and every export and lookup is audited.
 */
@Component(service = BrokersResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("brokers")
@Produces(MediaType.APPLICATION_JSON)
public class BrokersResource {

    private static final Logger LOG = LoggerFactory.getLogger(BrokersResource.class);
    private static final NamedSection SECTION = new NamedSection("honest_brokers", "honest broker");
    static final int DEFAULT_LIMIT = 50;

    private final ConfigEditor editor;
    private final Crosswalks crosswalks;
    private final AuditLog audit;

    @Activate
    public BrokersResource(@Reference ConfigStore store,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            Crosswalks crosswalks,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            AuditLog audit) {
        this.editor = new ConfigEditor(store);
        this.crosswalks = crosswalks;
        this.audit = audit;
    }

    @GET
    public Response list() {
        ConfigVersion v = editor.current();
        List<Object> out = new ArrayList<>();
        ConfigEditor.read(v.document(), SECTION.key()).forEach((name, b) -> out.add(view(name, b, v.document())));
        return ConfigEditor.ok(200, v, out);
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        ConfigVersion v = editor.current();
        return ConfigEditor.ok(200, v, view(name, SECTION.stored(v.document(), name), v.document()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        Map<String, Object> in = Bodies.object(body);
        String name = Names.check(in.get("name"));
        Map<String, Object> broker = NamedSection.storable(in);
        ConfigVersion v = editor.update(ifMatch, security, comment, "honest broker " + name + " created", doc -> {
            Map<String, Object> section = ConfigEditor.section(doc, SECTION.key());
            if (section.containsKey(name)) {
                throw ApiException.invalid("name", "an honest broker named '" + name + "' exists already");
            }
            Secrets.restore(broker, null, "");
            section.put(name, broker);
        });
        return Response.fromResponse(ConfigEditor.ok(201, v, view(name, SECTION.stored(v.document(), name), v.document())))
                .location(URI.create("brokers/" + name)).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("name") String name, InputStream body, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        Map<String, Object> in = Bodies.object(body);
        if (in.get("name") != null && !name.equals(in.get("name"))) {
            throw ApiException.invalid("name", "an honest broker cannot be renamed (its crosswalk is kept by name)");
        }
        Map<String, Object> broker = NamedSection.storable(in);
        ConfigVersion v = editor.update(ifMatch, security, comment, "honest broker " + name + " replaced", doc -> {
            Object old = SECTION.stored(doc, name);
            Secrets.restore(broker, old, "");
            ConfigEditor.section(doc, SECTION.key()).put(name, broker);
        });
        return ConfigEditor.ok(200, v, view(name, SECTION.stored(v.document(), name), v.document()));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        ConfigVersion v = editor.update(ifMatch, security, comment, "honest broker " + name + " deleted", doc -> {
            SECTION.stored(doc, name);
            Set<String> users = References.routesWithDestinationKey(doc, "honest_broker", name);
            if (!users.isEmpty()) {
                throw ApiException.invalid("name", "honest broker '" + name + "' is used by route(s) "
                        + String.join(", ", users) + "; remove it from them first");
            }
            ConfigEditor.section(doc, SECTION.key()).remove(name);
        });
        return Response.noContent().tag(ConfigEditor.etag(v)).header("X-Config-Version", v.id()).build();
    }

    /** Browse or search: mappings whose original or research value contains {@code q}. */
    @GET
    @Path("{name}/crosswalk")
    @RequiresRole(Role.ADMIN)
    public Response crosswalk(@PathParam("name") String name, @QueryParam("q") String q, @QueryParam("type") String type,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("offset") @DefaultValue("0") String offset) {
        Crosswalks cw = configured(name);
        int l = Queries.intParam("limit", limit, 1, 1000);
        int o = Queries.intParam("offset", offset, 0, Integer.MAX_VALUE);
        CrosswalkPage page;
        try {
            page = cw.search(name, blankToNull(type), blankToNull(q), l, o);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw unavailable(e);
        }
        List<Object> entries = new ArrayList<>();
        for (CrosswalkEntry e : page.entries()) {
            entries.add(entry(e));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("broker", name);
        out.put("total", page.total());
        out.put("limit", l);
        out.put("offset", o);
        out.put("entries", entries);
        return Response.ok(out).build();
    }

    /** Every mapping as CSV (streamed: a crosswalk can be large). */
    @GET
    @Path("{name}/crosswalk.csv")
    @Produces("text/csv")
    @RequiresRole(Role.ADMIN)
    public Response crosswalkCsv(@PathParam("name") String name, @QueryParam("type") String type,
            @Context SecurityContext security) {
        Caller caller = Caller.of(security);
        Crosswalks cw = configured(name);
        String t = blankToNull(type);
        if (t != null && !Crosswalks.TYPES.contains(t)) {
            throw ApiException.badRequest("unknown identifier type '" + t + "' (" + String.join(", ", Crosswalks.TYPES) + ")");
        }
        if (audit != null) {
            audit.record(caller, "crosswalk.export", "honest_broker", name, t == null ? Map.of() : Map.of("type", t));
        }
        StreamingOutput stream = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                cw.exportCsv(name, t, w);
            } finally {
                w.flush();
            }
        };
        return Response.ok(stream, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"crosswalk-" + name + ".csv\"")
                .header("Cache-Control", "no-store").build();
    }

    /** The research ID a broker gave an original value; a dry run: an unseen value gets none. */
    @POST
    @Path("{name}/lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public Response lookup(@PathParam("name") String name, InputStream body, @Context SecurityContext security) {
        Caller caller = Caller.of(security);
        Crosswalks cw = configured(name);
        Map<String, Object> in = Bodies.object(body);
        if (!(in.get("type") instanceof String type) || type.isBlank()) {
            throw ApiException.invalid("type", "is required (" + String.join(", ", Crosswalks.TYPES) + ")");
        }
        if (!Crosswalks.TYPES.contains(type)) {
            throw ApiException.invalid("type", "unknown identifier type '" + type + "' (" + String.join(", ", Crosswalks.TYPES) + ")");
        }
        if (!(in.get("value") instanceof String value) || value.isEmpty()) {
            throw ApiException.invalid("value", "is required (the original identifier, as text)");
        }
        if (value.length() > 1024) {
            throw ApiException.invalid("value", "must be at most 1024 characters");
        }
        Optional<String> found;
        try {
            found = cw.lookup(name, type, value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw unavailable(e);
        }
        if (audit != null) {
            audit.record(caller, "crosswalk.lookup", "honest_broker", name, Map.of("type", type, "found", found.isPresent()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("broker", name);
        out.put("type", type);
        out.put("value", value);
        out.put("found", found.isPresent());
        out.put("research_id", found.orElse(null));
        return Response.ok(out).build();
    }

    private Crosswalks configured(String name) {
        SECTION.stored(editor.current().document(), name);
        if (crosswalks == null) {
            throw new ApiException(503, "the de-identification bundle is not running: crosswalks cannot be read");
        }
        return crosswalks;
    }

    private static ApiException unavailable(IOException e) {
        LOG.warn("Crosswalk query failed: {}", e.getMessage());
        return new ApiException(503, "the crosswalk cannot be read now: " + e.getMessage());
    }

    private static Map<String, Object> view(String name, Object stored, Map<String, Object> doc) {
        Map<String, Object> out = SECTION.view(name, stored);
        out.put("used_by", List.copyOf(References.routesWithDestinationKey(doc, "honest_broker", name)));
        return out;
    }

    private static Map<String, Object> entry(CrosswalkEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type());
        m.put("original", e.original());
        m.put("research_id", e.researchId());
        m.put("sequence", e.sequence());
        m.put("created_at", e.created() == null ? null : e.created().toString());
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
