package org.xnat.router.routing.internal.processing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.osgi.service.component.annotations.Component;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.routing.RouteProcessing;
import org.xnat.router.routing.internal.route.TagModifier;

/**
 * {@link RouteProcessing}: the same pieces the delivery workers use ({@link TagModifier} for the route's tag
 * modifications, {@link DeidSpecs} for the de-identification, the {@code project} variable of
 * {@link InstancePreparer#context}), so a test run tries exactly what a delivery would do. Stateless.
 */
@Component(service = RouteProcessing.class)
public final class RouteProcessingComponent implements RouteProcessing {

    @Override
    public ProcessingChain chain(RouterConfig config, String routeAeTitle, String destination) {
        String ae = routeAeTitle == null ? "" : routeAeTitle.strip();
        RouteConfig route = config.routes().stream().filter(r -> r.aeTitle().strip().equalsIgnoreCase(ae)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no route with AE title '" + ae + "'"));
        RouteDestination rd = route.destinations().stream().filter(d -> d.destination().equals(destination))
                .findFirst().orElse(null);
        if (rd == null && !config.destinations().containsKey(destination)) {
            throw new NoSuchElementException("no destination '" + destination + "' is configured");
        }
        TagModifier modifier = new TagModifier(route.aeTitle(), route.tagModifications());
        List<ComponentConfig> deid = List.of();
        Map<String, String> variables = new HashMap<>();
        if (rd != null) {
            // (reached through a rule only, the engine de-identifies nothing: Plan.NONE)
            try {
                deid = DeidSpecs.of(config, route, rd);
            } catch (DeidSpecs.SpecException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            variables.putAll(InstancePreparer.context(route.aeTitle(), destination, "", rd.projectId()).variables());
        }
        return new ProcessingChain(route.aeTitle(), destination, modifier.isEmpty() ? null : modifier, modifier.size(),
                deid, variables);
    }
}
