package org.xnat.router.rest.admin.internal.deid;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

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
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.ProcessingException;
import org.xnat.router.config.HonestBrokerConfig;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.ScriptConfig;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.deid.DeidChain;
import org.xnat.router.deid.DeidResult;
import org.xnat.router.deid.DeidTestSources.StoredInstance;
import org.xnat.router.deid.DeidTester;
import org.xnat.router.deid.TagChange;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;
import org.xnat.router.rest.admin.internal.ApiException;
import org.xnat.router.rest.admin.internal.Bodies;
import org.xnat.router.rest.admin.internal.Samples;
import org.xnat.router.routing.RouteProcessing.ProcessingChain;

/**
 * {@code POST /api/deid/test}: tries a de-identification processor ({@code ps315}, {@code dicomedit},
 * {@code honest-broker}, with the properties a route destination gives it) or a route destination's whole chain (its
 * route's tag modifications, then its {@code anonymize} / {@code anon_script} / {@code use_honest_broker}) on one
 * instance — a built-in sample, an instance the router holds (spool or storage area, by SOP Instance UID) or an upload
 * — and answers the per-tag changes, or why the instance would be refused. Nothing is sent, no file is changed and
 * no honest broker mapping is kept. Operators and admins.
 */
@Component(service = DeidTestResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("deid")
@Produces(MediaType.APPLICATION_JSON)
public class DeidTestResource {

    private static final Logger LOG = LoggerFactory.getLogger(DeidTestResource.class);

    static final String DICOM = "application/dicom";
    /** An uploaded instance is read into memory (its header is used): at most this much. */
    static final int MAX_DICOM = 32 << 20;
    /** Room for the multipart framing around an instance. */
    static final int MULTIPART_SLACK = 64 << 10;
    static final int MAX_VARIABLES = 100;
    static final Set<String> TYPES = Set.of("ps315", "dicomedit", "honest-broker");
    /** Query parameters that choose a route destination rather than being a processor's properties. */
    private static final Set<String> ROUTE_QUERY = Set.of("route", "destination");

    private final DeidTester tester;
    private final DeidSources sources;
    private final ConfigStore store;
    private final AuditLog audit;

    @Activate
    public DeidTestResource(@Reference DeidTester tester, @Reference DeidSources sources, @Reference ConfigStore store,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            AuditLog audit) {
        this.tester = tester;
        this.sources = sources;
        this.store = store;
        this.audit = audit;
    }

    /** What to run, and how to describe it (no property values: they may hold secrets). */
    record Target(DeidChain chain, Map<String, Object> description) {
    }

    /** What to run it on. */
    record Instance(Attributes dataset, Map<String, Object> description) {
    }

    /**
     * JSON: {@code {"processor": {"type": ..., ...}} or {"route": AE, "destination": NAME}}, with
     * {@code "instance": {"sample": NAME} or {"sop_instance_uid": UID}} and optional {@code "variables"}. An upload
     * ({@code application/dicom} or {@code multipart/form-data}): the processor as query parameters
     * ({@code ?type=ps315&retain_uids=true} or {@code ?route=AE&destination=NAME}).
     */
    @POST
    @Path("test")
    @Consumes({MediaType.APPLICATION_JSON, DICOM, MediaType.MULTIPART_FORM_DATA})
    @RequiresRole(Role.OPERATOR)
    public Response test(InputStream body, @QueryParam("type") String type, @QueryParam("route") String route,
            @QueryParam("destination") String destination, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        MediaType mediaType = headers == null ? null : headers.getMediaType();
        Map<String, List<String>> query = uri == null ? Map.of() : uri.getQueryParameters();
        return run(body, mediaType, query, security);
    }

    Response run(InputStream body, MediaType mediaType, Map<String, List<String>> query, SecurityContext security) {
        Caller caller = Caller.of(security);
        Target target;
        Instance instance;
        if (mediaType == null || MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType)) {
            Map<String, Object> in = Bodies.object(body);
            target = target(in.get("processor"), in.get("route"), in.get("destination"), variables(in.get("variables")));
            instance = instance(in.get("instance"));
        } else if (mediaType.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            target = fromQuery(query);
            byte[] bytes = Bodies.bytes(body, MAX_DICOM + MULTIPART_SLACK);
            instance = upload(Multipart.file(bytes, mediaType.toString()));
        } else if (mediaType.isCompatible(MediaType.valueOf(DICOM))) {
            target = fromQuery(query);
            instance = upload(Bodies.bytes(body, MAX_DICOM));
        } else {
            throw new ApiException(415, "send JSON, application/dicom or multipart/form-data");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("processor", target.description());
        out.put("instance", instance.description());
        try {
            DeidResult result = tester.test(target.chain(), instance.dataset());
            out.put("refused", null);
            out.put("changes", changes(result.changes()));
        } catch (InvalidConfigurationException e) {
            throw new ApiException(400, "the processor cannot be run: " + e.getMessage(), e.problems());
        } catch (ProcessingException e) {
            // a processor refuses the instance (no Patient ID for the broker, a script's reject): a result
            out.put("refused", e.getMessage());
            out.put("changes", List.of());
        } catch (RuntimeException e) {
            // a processor failing outright would fail the delivery closed too: say so, as a refusal
            LOG.warn("de-identification test failed: {}", e.toString());
            out.put("refused", "processing failed: " + e);
            out.put("changes", List.of());
        }
        out.put("forwarded", false);
        if (audit != null) {
            audit.record(caller, "deid.test", "deid", target.chain().label(),
                    Map.of("instance", String.valueOf(instance.description().get("source"))));
        }
        return Response.ok(out).build();
    }

    // ----- what to run

    private Target target(Object processor, Object route, Object destination, Map<String, String> variables) {
        if ((processor == null) == (route == null)) {
            throw ApiException.invalid("processor", "give either processor ({\"type\": \"ps315\"|\"dicomedit\"|"
                    + "\"honest-broker\", ...}) or route and destination");
        }
        if (route != null) {
            if (!(route instanceof String r) || r.isBlank() || !(destination instanceof String d) || d.isBlank()) {
                throw ApiException.invalid("destination", "route and destination must both name configured ones");
            }
            return routeTarget(r, d, variables);
        }
        if (!(processor instanceof Map<?, ?> p)) {
            throw ApiException.invalid("processor", "must be an object with a type");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        p.forEach((k, v) -> props.put(String.valueOf(k), v));
        return processorTarget(props, variables);
    }

    private Target fromQuery(Map<String, List<String>> query) {
        String route = first(query, "route");
        String destination = first(query, "destination");
        if (route != null || destination != null) {
            if (first(query, "type") != null) {
                throw ApiException.invalid("type", "give either type (and its properties) or route and destination");
            }
            if (route == null || route.isBlank() || destination == null || destination.isBlank()) {
                throw ApiException.invalid("destination", "route and destination go together");
            }
            return routeTarget(route, destination, Map.of());
        }
        Map<String, Object> props = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (!v.isEmpty() && !ROUTE_QUERY.contains(k)) {
                props.put(k, v.get(0));
            }
        });
        if (props.get("type") == null) {
            throw ApiException.invalid("type", "give ?type=ps315|dicomedit|honest-broker (with its properties) or"
                    + " ?route=AE&destination=NAME");
        }
        return processorTarget(props, Map.of());
    }

    private Target routeTarget(String route, String destination, Map<String, String> variables) {
        ProcessingChain chain;
        try {
            chain = sources.processingChain(route, destination);
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            // the engine would keep this route destination's instances waiting: nothing can be tried
            throw new ApiException(409, "the route destination's de-identification cannot run: " + e.getMessage());
        }
        DeidChain c = DeidSources.chain(chain);
        Map<String, String> vars = new LinkedHashMap<>(c.variables());
        vars.putAll(variables);
        List<Object> steps = new ArrayList<>();
        if (chain.tagModifications() != null) {
            Map<String, Object> tags = new LinkedHashMap<>();
            tags.put("type", "tag-modifications");
            tags.put("count", chain.tagModificationCount());
            steps.add(tags);
        }
        chain.deidentification().forEach(cc -> steps.add(step(cc)));
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "route");
        description.put("route", chain.routeAeTitle());
        description.put("destination", chain.destination());
        description.put("steps", steps);
        return new Target(new DeidChain(c.label(), c.preceding(), c.processors(), vars), description);
    }

    private Target processorTarget(Map<String, Object> props, Map<String, String> variables) {
        if (!(props.remove("type") instanceof String type) || !TYPES.contains(type)) {
            throw ApiException.invalid("processor.type", "must be one of ps315, dicomedit, honest-broker");
        }
        Object n = props.remove("name");
        String name = n instanceof String s && !s.isBlank() ? s.strip() : "deid-test";
        resolveNames(type, props, store.current().config());
        ComponentConfig config = new ComponentConfig(name, type, props);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "processor");
        description.put("steps", List.of(step(config)));
        return new Target(DeidChain.of(config, variables), description);
    }

    /**
     * As a route destination names them: a script of {@code scripts:} by name (its text is added, as the routing
     * engine does) and an honest broker of {@code honest_brokers:} by name (its settings are used).
     */
    private static void resolveNames(String type, Map<String, Object> props, RouterConfig config) {
        Object broker = props.get("honest_broker");
        if (broker instanceof String b && !b.isBlank()) {
            HonestBrokerConfig hb = config.honestBrokers().get(b.strip());
            if (hb == null) {
                throw ApiException.invalid("processor.honest_broker", "no honest broker named '" + b.strip() + "'");
            }
            Map<String, Object> settings = new LinkedHashMap<>(hb.properties());
            settings.put("broker_type", hb.type());
            if (type.equals("honest-broker")) {
                props.remove("honest_broker");
                settings.forEach(props::putIfAbsent);
            } else {
                settings.put("name", hb.name());
                props.put("honest_broker", settings);
            }
        }
        if (type.equals("dicomedit") && props.get("scripts") == null) {
            Object named = props.getOrDefault("script", props.get("anon_script"));
            ScriptConfig script = named instanceof String s ? config.scripts().get(s.strip()) : null;
            if (script != null && script.properties().get(ScriptConfig.CONTENT) != null) {
                props.put("scripts", Map.of(((String) named).strip(),
                        String.valueOf(script.properties().get(ScriptConfig.CONTENT))));
            }
        }
    }

    private static Map<String, Object> step(ComponentConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.type());
        m.put("name", c.name());
        Object script = c.properties().getOrDefault("script", c.properties().get("anon_script"));
        if (script != null) {
            m.put("script", String.valueOf(script));
        } else if (c.type().equals("dicomedit") && c.properties().get("text") != null) {
            m.put("script", "(inline)");
        }
        if (Boolean.TRUE.equals(c.properties().get("labels_only"))) {
            m.put("labels_only", true);
        }
        return m;
    }

    private static Map<String, String> variables(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> vars) || vars.size() > MAX_VARIABLES) {
            throw ApiException.invalid("variables", "must be an object of at most " + MAX_VARIABLES + " names to texts");
        }
        vars.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    // ----- what to run it on

    private Instance instance(Object value) {
        if (!(value instanceof Map<?, ?> m) || (m.get("sample") == null) == (m.get("sop_instance_uid") == null)) {
            throw ApiException.invalid("instance", "give {\"sample\": NAME} (" + String.join(", ", Samples.NAMES)
                    + ") or {\"sop_instance_uid\": UID} of an instance the router holds; to try an own file send it"
                    + " as application/dicom or multipart/form-data");
        }
        if (m.get("sample") != null) {
            if (!(m.get("sample") instanceof String s) || !Samples.ALL.containsKey(s)) {
                throw ApiException.invalid("instance.sample", "must name a built-in sample ("
                        + String.join(", ", Samples.NAMES) + ")");
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("source", "sample");
            d.put("name", s);
            Attributes ds = Samples.ALL.get(s).get();
            d.put("sop_instance_uid", ds.getString(Tag.SOPInstanceUID));
            return new Instance(ds, d);
        }
        return stored(String.valueOf(m.get("sop_instance_uid")));
    }

    private Instance stored(String uid) {
        Optional<StoredInstance> found;
        try {
            found = sources.storedInstance(uid);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("instance.sop_instance_uid", e.getMessage());
        } catch (IOException e) {
            throw new ApiException(503, "stored instances cannot be looked up now: " + e.getMessage());
        }
        StoredInstance s = found.orElseThrow(() -> ApiException.notFound("the router holds no instance "
                + uid.strip() + " (neither in the spool nor in the storage area)"));
        Attributes ds;
        // read-only, up to the pixel data: the spooled original is never changed
        try (DicomReader r = DicomReader.open(s.file(), ReadOptions.defaults().stopBeforePixelData(true))) {
            ds = r.readDataset();
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("instance " + uid.strip() + " left the " + s.source() + " just now");
        } catch (IOException | RuntimeException e) {
            throw new ApiException(409, "the stored instance " + uid.strip() + " cannot be read: " + e.getMessage());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", s.source());
        d.put("sop_instance_uid", uid.strip());
        d.put("route", s.routeAeTitle());
        return new Instance(ds, d);
    }

    private static Instance upload(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiException.badRequest("send a DICOM file as the body (application/dicom) or as a multipart part");
        }
        Attributes ds;
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(bytes), ReadOptions.defaults().stopBeforePixelData(true))) {
            ds = r.readDataset();
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("the upload is not a readable DICOM file: " + e.getMessage());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", "upload");
        d.put("bytes", bytes.length);
        d.put("sop_instance_uid", ds.getString(Tag.SOPInstanceUID));
        return new Instance(ds, d);
    }

    // ----- the answer

    private static List<Object> changes(List<TagChange> changes) {
        List<Object> out = new ArrayList<>();
        for (TagChange c : changes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", c.path());
            m.put("keyword", c.keyword());
            m.put("action", c.added() ? "added" : c.removed() ? "removed" : "changed");
            m.put("before", c.before());
            m.put("after", c.after());
            out.add(m);
        }
        return out;
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> v = query.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
