package org.xnat.router.rest.admin.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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
import org.xnat.router.configstore.ConfigChange;
import org.xnat.router.configstore.ConfigRejectedException;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.configstore.ConfigVersionSummary;
import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;

/**
 * {@code /api/config}: the history of configuration versions, one version's document, the difference of two,
 * rollback, and the whole configuration as config.yaml (export, import). Secrets are masked in documents and
 * diffs and exports ({@code ${ENV_VAR}} references are kept); an import that sends a mask back keeps the stored
 * secret.
 */
@Component(service = ConfigVersionsResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigVersionsResource {

    static final String YAML = "text/yaml";

    private final ConfigEditor editor;

    @Activate
    public ConfigVersionsResource(@Reference ConfigStore store) {
        this.editor = new ConfigEditor(store);
    }

    @GET
    @Path("versions")
    public Response history(@QueryParam("limit") @DefaultValue("50") String limit,
            @QueryParam("offset") @DefaultValue("0") String offset) {
        int l = Queries.intParam("limit", limit, 1, 500);
        int o = Queries.intParam("offset", offset, 0, Integer.MAX_VALUE);
        ConfigVersion current = editor.current();
        List<Object> items = new ArrayList<>();
        for (ConfigVersionSummary s : editor.store().history(l, o)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("created_at", s.createdAt().toString());
            m.put("author", s.author().name());
            m.put("remote_address", s.author().remoteAddress());
            m.put("comment", s.comment());
            m.put("changes", s.changes());
            items.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("current", current.id());
        out.put("limit", l);
        out.put("offset", o);
        out.put("items", items);
        return ConfigEditor.ok(200, current, out);
    }

    @GET
    @Path("versions/{id}")
    public Response version(@PathParam("id") String id) {
        long n = Queries.longParam("id", id, 0);
        ConfigVersion v = editor.store().version(n)
                .orElseThrow(() -> ApiException.notFound("no configuration version " + n));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("created_at", v.createdAt().toString());
        out.put("author", v.author().name());
        out.put("remote_address", v.author().remoteAddress());
        out.put("comment", v.comment());
        out.put("document", Secrets.maskMap(v.document()));
        return Response.ok(out).tag(ConfigEditor.etag(v)).build();
    }

    @GET
    @Path("diff")
    public Response diff(@QueryParam("from") String from, @QueryParam("to") String to) {
        long f = Queries.longParam("from", from, 0);
        long t = to == null || to.isBlank() ? editor.current().id() : Queries.longParam("to", to, 0);
        for (long id : new long[] {f, t}) {
            if (id != 0 && editor.store().version(id).isEmpty()) {
                throw ApiException.notFound("no configuration version " + id);
            }
        }
        List<Object> changes = new ArrayList<>();
        for (ConfigChange c : editor.store().diff(f, t)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("op", c.op());
            m.put("path", c.path());
            boolean secret = Secrets.isSecretKey(lastSegment(c.path()));
            m.put("old_value", secret ? Secrets.maskValue(c.oldValue()) : Secrets.mask(c.oldValue()));
            m.put("new_value", secret ? Secrets.maskValue(c.newValue()) : Secrets.mask(c.newValue()));
            changes.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", f);
        out.put("to", t);
        out.put("changes", changes);
        return Response.ok(out).build();
    }

    @POST
    @Path("versions/{id}/rollback")
    public Response rollback(@PathParam("id") String id, @Context SecurityContext security) {
        long n = Queries.longParam("id", id, 1);
        if (editor.store().version(n).isEmpty()) {
            throw ApiException.notFound("no configuration version " + n);
        }
        try {
            ConfigVersion v = editor.store().rollback(n, ConfigEditor.author(security));
            return ConfigEditor.ok(200, v, summary(v));
        } catch (ConfigRejectedException e) {
            throw ConfigEditor.rejected(e);
        }
    }

    @GET
    @Path("export")
    @Produces({YAML, MediaType.APPLICATION_JSON})
    public Response export() {
        ConfigVersion v = editor.current();
        String yaml;
        try {
            yaml = YamlSecrets.maskExport(editor.store().exportYaml());
        } catch (RuntimeException e) {
            throw new ApiException(500, "the configuration could not be exported without its secrets: " + e.getMessage());
        }
        return Response.ok(yaml, YAML + "; charset=UTF-8").tag(ConfigEditor.etag(v))
                .header("Content-Disposition", "attachment; filename=\"config-v" + v.id() + ".yaml\"").build();
    }

    /** Replaces the whole configuration: admin only, whatever the default policy says. */
    @POST
    @Path("import")
    @Consumes({YAML, "application/yaml", "application/x-yaml", "text/x-yaml", MediaType.TEXT_PLAIN})
    @RequiresRole(Role.ADMIN)
    public Response importYaml(InputStream body, @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        String yaml = Bodies.text(body, Bodies.MAX_TEXT);
        if (yaml.isBlank()) {
            throw ApiException.badRequest("the body must be config.yaml text");
        }
        long expected = ConfigEditor.expectedVersion(ifMatch);
        if (expected >= 0 && editor.current().id() != expected) {
            throw new ApiException(409, "configuration version " + expected + " is no longer current (current: "
                    + editor.current().id() + ")");
        }
        try {
            String restored = YamlSecrets.restoreImport(yaml, editor.current().document());
            ConfigVersion v = editor.store().importYaml(restored, "config.yaml", ConfigEditor.author(security));
            return ConfigEditor.ok(200, v, summary(v));
        } catch (ConfigRejectedException e) {
            throw ConfigEditor.rejected(e);
        }
    }

    private static Map<String, Object> summary(ConfigVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("created_at", v.createdAt().toString());
        m.put("author", v.author().name());
        m.put("comment", v.comment());
        return m;
    }

    private static String lastSegment(String pointer) {
        if (pointer == null) {
            return "";
        }
        int slash = pointer.lastIndexOf('/');
        return slash < 0 ? pointer : pointer.substring(slash + 1);
    }
}
