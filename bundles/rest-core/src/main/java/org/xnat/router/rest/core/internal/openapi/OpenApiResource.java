package org.xnat.router.rest.core.internal.openapi;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.xnat.router.rest.OpenApiFragment;
import org.xnat.router.rest.core.internal.auth.PublicResource;

/** {@code GET /api/openapi.json}: every {@link OpenApiFragment} merged into one OpenAPI 3.0 document. No key. */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("openapi.json")
@PublicResource
public class OpenApiResource {

    private final String version;
    private final OpenApiMerger merger = new OpenApiMerger();
    /** Ordered by service id, so the document is stable and "first wins" means "installed first". */
    private final Map<Long, Map.Entry<String, OpenApiFragment>> fragments = new ConcurrentSkipListMap<>();

    @Activate
    public OpenApiResource(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFragment(OpenApiFragment fragment, Map<String, Object> properties) {
        Object bundle = properties.get("component.name");
        fragments.put((Long) properties.get(Constants.SERVICE_ID),
                new AbstractMap.SimpleImmutableEntry<>(String.valueOf(bundle), fragment));
    }

    void removeFragment(OpenApiFragment fragment, Map<String, Object> properties) {
        fragments.remove((Long) properties.get(Constants.SERVICE_ID));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response document() {
        List<Map.Entry<String, String>> texts = new ArrayList<>();
        for (Map.Entry<String, OpenApiFragment> f : fragments.values()) {
            String text;
            try {
                text = f.getValue().json();
            } catch (RuntimeException e) {
                text = "";
            }
            texts.add(new AbstractMap.SimpleImmutableEntry<>(f.getKey(), text));
        }
        return Response.ok(merger.merge(version, texts), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
