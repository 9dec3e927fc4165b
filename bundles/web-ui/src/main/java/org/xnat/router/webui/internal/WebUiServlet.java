package org.xnat.router.webui.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the web UI's files through the OSGi HTTP whiteboard: {@code /index.html} the page, {@code /ui/*} its
 * scripts and styles. Only exact and path-prefix patterns: the JAX-RS whiteboard's default application holds
 * {@code /*}, so a default servlet ({@code /}) would never be reached, and the context root itself is answered by
 * {@link WebUiRootFilter}. {@code /api/*} and the web console's {@code /system/console/*} keep their own
 * servlets. The page holds no data and no secret; everything it shows comes from {@code /api} with the user's
 * API key.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/index.html",
    "osgi.http.whiteboard.servlet.pattern=/ui/*",
    "osgi.http.whiteboard.servlet.name=router-web-ui"
})
public final class WebUiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient UiResponder responder;

    @Activate
    public WebUiServlet(BundleContext context) {
        this.responder = new UiResponder(context.getBundle());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        responder.serve(req, resp);
    }
}
