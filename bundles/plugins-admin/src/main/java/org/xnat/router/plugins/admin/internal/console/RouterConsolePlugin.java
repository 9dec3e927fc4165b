package org.xnat.router.plugins.admin.internal.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.AbstractWebConsolePlugin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.plugins.admin.internal.Plugins;
import org.xnat.router.routing.RoutingStatus;

/**
 * The "DICOM Router" tab of the Felix Web Console ({@code /system/console/dicom-router}): routes and their
 * listeners, destinations with availability and queue depths, health, installed plugins. The console finds
 * it as a {@code javax.servlet.Servlet} service by its {@code felix.webconsole.label} and wraps it in its own
 * page and authentication (the {@code admin} role, as every console page).
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + RouterConsolePlugin.LABEL,
    "felix.webconsole.title=" + RouterConsolePlugin.TITLE,
    "felix.webconsole.category=" + RouterConsolePlugin.CATEGORY
})
public final class RouterConsolePlugin extends AbstractWebConsolePlugin {

    static final String LABEL = "dicom-router";
    static final String TITLE = "DICOM Router";
    static final String CATEGORY = "XNAT DICOM Router";
    private static final long serialVersionUID = 1L;

    private final transient BundleContext context;
    private final transient ServiceComponentRuntime scr;

    /** The engine may restart (configuration change, bundle update): the tab says so meanwhile. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RoutingStatus routing;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final transient List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();

    @Activate
    public RouterConsolePlugin(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        activate(context);
    }

    @Deactivate
    void stop() {
        deactivate();
    }

    @Override
    public String getLabel() {
        return LABEL;
    }

    @Override
    public String getTitle() {
        return TITLE;
    }

    @Override
    public String getCategory() {
        return CATEGORY;
    }

    @Override
    protected void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        ConsolePage.render(snapshot(), out);
        out.flush();
    }

    ConsoleSnapshot snapshot() {
        RoutingStatus engine = routing;
        List<RoutingStatus.RouteStatus> routes = engine == null ? List.of() : engine.routes();
        List<RoutingStatus.DestinationStatus> destinations = engine == null ? List.of() : engine.destinations();
        List<ConsoleSnapshot.NamedHealth> health = new ArrayList<>();
        for (HealthIndicator h : indicators) {
            health.add(check(h));
        }
        health.sort(Comparator.comparing(ConsoleSnapshot.NamedHealth::name));
        return new ConsoleSnapshot(engine != null, routes, destinations, health, Plugins.list(context, scr, false));
    }

    /** Indicators must not throw; a plugin's may, and must not break the page. */
    private static ConsoleSnapshot.NamedHealth check(HealthIndicator h) {
        String name;
        try {
            name = h.name();
        } catch (RuntimeException | LinkageError e) {
            name = h.getClass().getName();
        }
        try {
            return new ConsoleSnapshot.NamedHealth(name, h.check());
        } catch (RuntimeException | LinkageError e) {
            return new ConsoleSnapshot.NamedHealth(name, HealthReport.down("health check threw " + e));
        }
    }
}
