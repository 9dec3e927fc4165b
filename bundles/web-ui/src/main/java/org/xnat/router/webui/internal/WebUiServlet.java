package org.xnat.router.webui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the web UI through the OSGi HTTP whiteboard: {@code /} (the default servlet of the whiteboard's default
 * context, so {@code /api/*} of the JAX-RS whiteboard and {@code /system/console} of the web console, being
 * longer matches, keep their own servlets) answers the page, {@code /ui/*} its scripts and styles. The page holds
 * no data and no secret; everything it shows comes from {@code /api} with the user's API key.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/",
    "osgi.http.whiteboard.servlet.pattern=/ui/*",
    "osgi.http.whiteboard.servlet.name=router-web-ui"
})
public final class WebUiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /**
     * Only our own origin, no inline script or style: an injected string can never run, and the page can call
     * nothing but this router.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final transient Bundle bundle;
    private final String etagBase;

    @Activate
    public WebUiServlet(BundleContext context) {
        this.bundle = context.getBundle();
        // a new build (or re-install) changes the bundle's last-modified time, and with it every ETag
        this.etagBase = Long.toHexString(bundle.getLastModified()) + "-" + bundle.getVersion();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        Optional<StaticFiles.File> file = StaticFiles.resolve(path);
        URL url = file.map(f -> bundle.getEntry(f.entry())).orElse(null);
        if (url == null) {
            resp.setHeader("Content-Security-Policy", CSP);
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String etag = "\"" + etagBase + "-" + Integer.toHexString(file.get().entry().hashCode()) + "\"";
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        // revalidate every time: cheap (304) and a new router version is seen at once
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("ETag", etag);
        if (etag.equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(file.get().contentType());
        try (InputStream in = url.openStream(); OutputStream out = resp.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
