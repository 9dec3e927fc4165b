package org.xnat.router.rest.admin.internal;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
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
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;

/**
 * {@code /api/settings}: the {@code resilience} and {@code settings} sections. A PUT replaces each section it
 * names (a section given as {@code null} goes back to its defaults) and leaves the other one as it is.
 */
@Component(service = SettingsResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    static final List<String> SECTIONS = List.of("resilience", "settings");

    private final ConfigEditor editor;

    @Activate
    public SettingsResource(@Reference ConfigStore store) {
        this.editor = new ConfigEditor(store);
    }

    @GET
    public Response get() {
        ConfigVersion v = editor.current();
        return ConfigEditor.ok(200, v, view(v));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(InputStream body, @HeaderParam("If-Match") String ifMatch, @QueryParam("comment") String comment,
            @Context SecurityContext security) {
        Map<String, Object> in = Bodies.object(body);
        for (Map.Entry<String, Object> e : in.entrySet()) {
            if (!SECTIONS.contains(e.getKey())) {
                throw ApiException.invalid(e.getKey(), "unknown section (resilience, settings)");
            }
            if (e.getValue() != null && !(e.getValue() instanceof Map)) {
                throw ApiException.invalid(e.getKey(), "must be an object (or null for the defaults)");
            }
        }
        if (in.isEmpty()) {
            throw ApiException.badRequest("give resilience and/or settings");
        }
        ConfigVersion v = editor.update(ifMatch, security, comment, "settings changed (" + String.join(", ", in.keySet()) + ")",
                doc -> in.forEach((section, value) -> {
                    if (value == null) {
                        doc.remove(section);
                    } else {
                        Map<String, Object> m = ConfigEditor.asMap(value);
                        Secrets.restore(m, doc.get(section), section);
                        doc.put(section, m);
                    }
                }));
        return ConfigEditor.ok(200, v, view(v));
    }

    private static Map<String, Object> view(ConfigVersion v) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String s : SECTIONS) {
            out.put(s, Secrets.maskMap(ConfigEditor.read(v.document(), s)));
        }
        return out;
    }
}
