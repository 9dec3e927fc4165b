package org.xnat.router.rest.core.internal.docs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.xnat.router.rest.core.internal.auth.PublicResource;
import org.xnat.router.rest.core.internal.rest.ApiErrors;

/**
 * {@code /api/docs}: Swagger UI (the WebJar's files, embedded in this bundle at build time) showing
 * {@code /api/openapi.json}. {@code /api/docs} redirects to {@code /api/docs/} (so the page's relative links
 * resolve), which serves {@code index.html}. Only plain file names of the embedded set are served: no
 * sub-directories, no dot segments, nothing from elsewhere on the class path. No key needed.
 */
@Component(service = DocsResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@Path("docs")
@PublicResource
public class DocsResource {

    static final String ROOT = "/swagger-ui/";
    static final String OWN = "/swagger-ui-config/";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "png", "image/png",
            "txt", "text/plain; charset=utf-8");

    @GET
    public Response index(@Context UriInfo uri) {
        if (!uri.getRequestUri().getRawPath().endsWith("/")) {
            URI slash = uri.getBaseUriBuilder().path("docs/").build();
            return Response.status(Response.Status.SEE_OTHER).location(slash).build();
        }
        return file("index.html");
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) {
        Optional<Asset> asset = asset(file);
        if (asset.isEmpty()) {
            return ApiErrors.response(Response.Status.NOT_FOUND, "no such documentation file");
        }
        try {
            InputStream in = asset.get().url().openStream();
            CacheControl cache = new CacheControl();
            cache.setMaxAge(asset.get().revalidate() ? 0 : 3600);
            return Response.ok(in, asset.get().type()).cacheControl(cache).header("X-Content-Type-Options", "nosniff")
                    .build();
        } catch (IOException e) {
            return ApiErrors.response(Response.Status.INTERNAL_SERVER_ERROR, "cannot read " + file);
        }
    }

    /** An embedded file: where it is, its media type, whether browsers must revalidate it. */
    record Asset(URL url, String type, boolean revalidate) {
    }

    /** The embedded file of that plain name, if it is one. */
    static Optional<Asset> asset(String file) {
        if (file == null || file.length() > 100 || !FILE.matcher(file).matches()) {
            return Optional.empty();
        }
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        boolean own = "swagger-initializer.js".equals(file);
        URL url = DocsResource.class.getResource((own ? OWN : ROOT) + file);
        if (type == null || url == null) {
            return Optional.empty();
        }
        return Optional.of(new Asset(url, type, own || file.endsWith(".html")));
    }
}
