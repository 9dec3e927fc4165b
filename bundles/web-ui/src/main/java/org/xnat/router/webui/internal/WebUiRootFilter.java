package org.xnat.router.webui.internal;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Answers {@code GET /} with the page. The context root belongs to the servlet holding {@code /*} (the JAX-RS
 * whiteboard's default application, which has nothing there), and the whiteboard offers no exact pattern for the
 * root; so this filter, selected by a regular expression for exactly {@code /}, answers it and passes every other
 * request on untouched.
 */
@Component(service = Filter.class, property = {
    "osgi.http.whiteboard.filter.regex=^/$",
    "osgi.http.whiteboard.filter.name=router-web-ui-root"
})
public final class WebUiRootFilter implements Filter {

    private final UiResponder responder;

    @Activate
    public WebUiRootFilter(BundleContext context) {
        this.responder = new UiResponder(context.getBundle());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse resp
                && isRoot(req) && ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()))) {
            responder.serve(req, resp);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isRoot(HttpServletRequest req) {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        return path.isEmpty() || path.equals("/");
    }
}
