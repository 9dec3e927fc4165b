package org.xnat.router.webui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;

/** Answers a request for one of the UI's files from the bundle, with the security and caching headers. */
final class UiResponder {

    /**
     * Only our own origin, no inline script or style: an injected string can never run, and the page can call
     * nothing but this router.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Bundle bundle;
    private final String etagBase;

    UiResponder(Bundle bundle) {
        this.bundle = bundle;
        // a new build (or re-install) changes the bundle's last-modified time, and with it every ETag
        this.etagBase = Long.toHexString(bundle.getLastModified()) + "-" + bundle.getVersion();
    }

    void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        Optional<StaticFiles.File> file = StaticFiles.resolve(path);
        URL url = file.map(f -> bundle.getEntry(f.entry())).orElse(null);
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (url == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String etag = "\"" + etagBase + "-" + Integer.toHexString(file.get().entry().hashCode()) + "\"";
        resp.setHeader("Referrer-Policy", "no-referrer");
        // revalidate every time: cheap (304) and a new router version is seen at once
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("ETag", etag);
        if (etag.equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(file.get().contentType());
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        try (InputStream in = url.openStream(); OutputStream out = resp.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
