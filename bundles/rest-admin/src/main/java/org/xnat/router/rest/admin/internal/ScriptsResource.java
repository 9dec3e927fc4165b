package org.xnat.router.rest.admin.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import javax.ws.rs.core.HttpHeaders;
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
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.ProcessingException;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.deid.DeidResult;
import org.xnat.router.deid.DeidTester;
import org.xnat.router.deid.ScriptCatalog;
import org.xnat.router.deid.ScriptProblem;
import org.xnat.router.deid.TagChange;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;

/**
 * {@code /api/scripts}: DicomEdit 6 de-identification scripts — the built-in ones (read-only) and those of the
 * configuration ({@code scripts:}), checked when saved; {@code validate} checks a text, {@code test} runs a script
 * on a sample instance (built-in or uploaded) and answers what it changed. Nothing is sent or kept by a test.
 */
@Component(service = ScriptsResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("scripts")
@Produces(MediaType.APPLICATION_JSON)
public class ScriptsResource {

    static final String DICOM = "application/dicom";
    /** An uploaded sample is read into memory (header only is used): at most this much. */
    static final int MAX_DICOM = 32 << 20;
    /** Scripts are small texts. */
    static final int MAX_SCRIPT = 1 << 20;

    private final ConfigEditor editor;
    private final DeidTester tester;
    private final ScriptCatalog catalog;
    private final AuditLog audit;

    @Activate
    public ScriptsResource(@Reference ConfigStore store, @Reference DeidTester tester, @Reference ScriptCatalog catalog,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            AuditLog audit) {
        this.editor = new ConfigEditor(store);
        this.tester = tester;
        this.catalog = catalog;
        this.audit = audit;
    }

    @GET
    public Response list() {
        ConfigVersion v = editor.current();
        List<Object> out = new ArrayList<>();
        for (String name : catalog.builtinNames()) {
            out.add(builtin(name, false));
        }
        ConfigEditor.read(v.document(), "scripts").forEach((name, s) -> out.add(configured(name, s, v.document(), false)));
        return ConfigEditor.ok(200, v, out);
    }

    @GET
    @Path("samples")
    public Response samples() {
        return Response.ok(Map.of("samples", Samples.NAMES)).build();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        ConfigVersion v = editor.current();
        if (catalog.builtinText(name).isPresent()) {
            return ConfigEditor.ok(200, v, builtin(name, true));
        }
        return ConfigEditor.ok(200, v, configured(name, stored(v.document(), name), v.document(), true));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        Map<String, Object> in = Bodies.object(body);
        String name = Names.check(in.get("name"));
        if (catalog.builtinText(name).isPresent()) {
            throw ApiException.invalid("name", "'" + name + "' is a built-in script; choose another name");
        }
        Map<String, Object> script = storable(in);
        ConfigVersion v = editor.update(ifMatch, security, comment, "script " + name + " created", doc -> {
            Map<String, Object> section = ConfigEditor.section(doc, "scripts");
            if (section.containsKey(name)) {
                throw ApiException.invalid("name", "a script named '" + name + "' exists already");
            }
            section.put(name, script);
        });
        return Response.fromResponse(ConfigEditor.ok(201, v, configured(name, stored(v.document(), name), v.document(), true)))
                .location(URI.create("scripts/" + name)).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("name") String name, InputStream body, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        readOnlyIfBuiltin(name);
        Map<String, Object> in = Bodies.object(body);
        if (in.get("name") != null && !name.equals(in.get("name"))) {
            throw ApiException.invalid("name", "a script cannot be renamed (routes refer to it by name)");
        }
        Map<String, Object> script = storable(in);
        ConfigVersion v = editor.update(ifMatch, security, comment, "script " + name + " replaced", doc -> {
            stored(doc, name);
            ConfigEditor.section(doc, "scripts").put(name, script);
        });
        return ConfigEditor.ok(200, v, configured(name, stored(v.document(), name), v.document(), true));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("comment") String comment, @Context SecurityContext security) {
        readOnlyIfBuiltin(name);
        ConfigVersion v = editor.update(ifMatch, security, comment, "script " + name + " deleted", doc -> {
            stored(doc, name);
            Set<String> users = References.routesWithDestinationKey(doc, "anon_script", name);
            if (!users.isEmpty()) {
                throw ApiException.invalid("name", "script '" + name + "' is used by route(s) " + String.join(", ", users)
                        + "; remove it from them first");
            }
            ConfigEditor.section(doc, "scripts").remove(name);
        });
        return Response.noContent().tag(ConfigEditor.etag(v)).header("X-Config-Version", v.id()).build();
    }

    /** Checks a script text (the body as text/plain, or {@code {"content": "..."}}); saves nothing. */
    @POST
    @Path("validate")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @RequiresRole(Role.OPERATOR)
    public Response validate(InputStream body, @Context HttpHeaders headers) {
        String text;
        if (MediaType.APPLICATION_JSON_TYPE.isCompatible(headers.getMediaType())) {
            text = content(Bodies.object(body));
        } else {
            text = Bodies.text(body, MAX_SCRIPT);
        }
        List<Object> problems = problems(tester.validateScript(text));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", problems.isEmpty());
        out.put("problems", problems);
        return Response.ok(out).build();
    }

    /**
     * Runs a script on a sample and answers the per-tag changes. JSON body: {@code script} (a name) or
     * {@code content} (a text), {@code sample} (a built-in sample name), optional {@code variables}. Or a DICOM
     * file as {@code application/dicom} body with {@code ?script=NAME}.
     */
    @POST
    @Path("test")
    @Consumes({MediaType.APPLICATION_JSON, DICOM})
    @RequiresRole(Role.OPERATOR)
    public Response test(InputStream body, @QueryParam("script") String scriptParam, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        Caller caller = Caller.of(security);
        Map<String, Object> props = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        String scriptLabel;
        String sampleLabel;
        Attributes dataset;
        Map<String, Object> doc = editor.current().document();
        if (MediaType.APPLICATION_JSON_TYPE.isCompatible(headers.getMediaType())) {
            Map<String, Object> in = Bodies.object(body);
            scriptLabel = scriptSource(in.get("script"), in.get("content"), props, doc);
            Object sample = in.get("sample");
            if (!(sample instanceof String s) || !Samples.ALL.containsKey(s)) {
                throw ApiException.invalid("sample", "must name a built-in sample (" + String.join(", ", Samples.NAMES)
                        + "); to try an own file send it as application/dicom with ?script=NAME");
            }
            sampleLabel = s;
            dataset = Samples.ALL.get(s).get();
            if (in.get("variables") != null) {
                if (!(in.get("variables") instanceof Map<?, ?> vars)) {
                    throw ApiException.invalid("variables", "must be an object of names to texts");
                }
                vars.forEach((k, val) -> variables.put(String.valueOf(k), String.valueOf(val)));
            }
        } else {
            scriptLabel = scriptSource(scriptParam, null, props, doc);
            sampleLabel = "upload";
            dataset = readDicom(Bodies.bytes(body, MAX_DICOM));
        }
        DeidResult result;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("script", scriptLabel);
        out.put("sample", sampleLabel);
        try {
            result = tester.test(new ComponentConfig("script-test", "dicomedit", props), dataset, variables);
            List<Object> changes = new ArrayList<>();
            for (TagChange c : result.changes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", c.path());
                m.put("keyword", c.keyword());
                m.put("action", c.added() ? "added" : c.removed() ? "removed" : "changed");
                m.put("before", c.before());
                m.put("after", c.after());
                changes.add(m);
            }
            out.put("refused", null);
            out.put("changes", changes);
        } catch (InvalidConfigurationException e) {
            throw new ApiException(400, "the script cannot be run: " + e.getMessage(), e.problems());
        } catch (ProcessingException e) {
            // the script itself refuses the instance (e.g. reject): a result, not an error of the request
            out.put("refused", e.getMessage());
            out.put("changes", List.of());
        }
        if (audit != null) {
            audit.record(caller, "script.test", "script", scriptLabel, Map.of("sample", sampleLabel));
        }
        return Response.ok(out).build();
    }

    // ----- helpers

    private String scriptSource(Object name, Object content, Map<String, Object> props, Map<String, Object> doc) {
        if (content instanceof String text && !text.isBlank()) {
            if (text.length() > MAX_SCRIPT) {
                throw ApiException.invalid("content", "must be at most " + MAX_SCRIPT + " characters");
            }
            props.put("text", text);
            return "(inline)";
        }
        if (!(name instanceof String n) || n.isBlank()) {
            throw ApiException.invalid("script", "give a script name (built-in or configured) or content (a script text)");
        }
        if (catalog.builtinText(n).isPresent()) {
            props.put("script", n);
            return n;
        }
        Object stored = ConfigEditor.read(doc, "scripts").get(n);
        if (stored == null) {
            throw ApiException.invalid("script", "unknown script '" + n + "'");
        }
        String text = textOf(stored);
        if (text == null) {
            throw ApiException.invalid("script", "script '" + n + "' has no content in the configuration (it names a file)");
        }
        props.put("text", text);
        return n;
    }

    private static Attributes readDicom(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiException.badRequest("send a DICOM file as the body (application/dicom)");
        }
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(bytes), ReadOptions.defaults().stopBeforePixelData(true))) {
            return r.readDataset();
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("the body is not a readable DICOM file: " + e.getMessage());
        }
    }

    private Map<String, Object> storable(Map<String, Object> in) {
        String content = content(in);
        List<Object> problems = problems(tester.validateScript(content));
        if (!problems.isEmpty()) {
            throw new ApiException(400, "the script has " + problems.size() + " problem(s): nothing was saved", problems);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("content", content);
        if (in.get("description") instanceof String d && !d.isBlank()) {
            out.put("description", d);
        }
        return out;
    }

    private static String content(Map<String, Object> in) {
        if (!(in.get("content") instanceof String c) || c.isBlank()) {
            throw ApiException.invalid("content", "is required (the script text)");
        }
        if (c.length() > MAX_SCRIPT) {
            throw ApiException.invalid("content", "must be at most " + MAX_SCRIPT + " characters");
        }
        return c;
    }

    /** Script problems with line and column, in the API's problem shape. */
    private static List<Object> problems(List<ScriptProblem> problems) {
        List<Object> out = new ArrayList<>();
        for (ScriptProblem p : problems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", "content");
            m.put("line", p.line());
            m.put("column", p.column());
            m.put("message", p.message());
            out.add(m);
        }
        return out;
    }

    private void readOnlyIfBuiltin(String name) {
        if (catalog.builtinText(name).isPresent()) {
            throw ApiException.badRequest("'" + name + "' is a built-in script: it cannot be changed or deleted;"
                    + " copy it under another name");
        }
    }

    private static Object stored(Map<String, Object> doc, String name) {
        Map<String, Object> section = ConfigEditor.read(doc, "scripts");
        if (!section.containsKey(name)) {
            throw ApiException.notFound("no script named '" + name + "'");
        }
        return section.get(name);
    }

    private Map<String, Object> builtin(String name, boolean withContent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("builtin", true);
        m.put("description", "built-in script");
        if (withContent) {
            m.put("content", catalog.builtinText(name).orElse(""));
        }
        return m;
    }

    private static Map<String, Object> configured(String name, Object stored, Map<String, Object> doc, boolean withContent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("builtin", false);
        Map<String, Object> map = ConfigEditor.asMap(stored);
        m.put("description", map != null && map.get("description") != null ? String.valueOf(map.get("description")) : "");
        if (map != null && map.get("file") != null) {
            m.put("file", String.valueOf(map.get("file")));
        }
        if (withContent) {
            m.put("content", textOf(stored));
        }
        m.put("used_by", List.copyOf(References.routesWithDestinationKey(doc, "anon_script", name)));
        return m;
    }

    private static String textOf(Object stored) {
        if (stored instanceof String s) {
            return s;
        }
        Map<String, Object> map = ConfigEditor.asMap(stored);
        return map != null && map.get("content") instanceof String c ? c : null;
    }
}
