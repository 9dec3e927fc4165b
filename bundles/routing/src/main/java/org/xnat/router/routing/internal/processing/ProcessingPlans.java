package org.xnat.router.routing.internal.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.DatasetProcessorFactory;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;
import org.xnat.router.config.RouterConfig;

/**
 * The de-identification {@link Plan} of each route destination, made from the configuration and the processor
 * types present, and kept until either changes (processors are made once, not per delivery).
 */
public final class ProcessingPlans {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingPlans.class);

    private final ProcessorTypes types;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile RouterConfig config = RouterConfig.empty();
    /**
     * For routes that are no longer configured, the last configuration that had them: instances they queued are
     * de-identified as they were when received, not left waiting for settings that will never come back.
     */
    private final Map<String, RouterConfig> retired = new ConcurrentHashMap<>();
    private static final int MAX_RETIRED = 1000;

    private record Cached(long generation, RouterConfig config, Plan plan) {
    }

    public ProcessingPlans(ProcessorTypes types) {
        this.types = types;
    }

    public ProcessorTypes types() {
        return types;
    }

    /** Uses a new configuration; logs the route destinations whose de-identification settings are unusable. */
    public synchronized void configure(RouterConfig c) {
        RouterConfig previous = this.config;
        for (RouteConfig r : previous.routes()) {
            if (c.routeForAeTitle(r.aeTitle().strip()).isEmpty() && retired.size() < MAX_RETIRED) {
                retired.put(key(r.aeTitle()), previous);
            }
        }
        c.routes().forEach(r -> retired.remove(key(r.aeTitle())));
        this.config = c;
        cache.clear();
        for (RouteConfig r : c.routes()) {
            for (RouteDestination rd : r.destinations()) {
                // processor types may bind later; only settings that can never work are reported here
                try {
                    DeidSpecs.of(c, r, rd);
                } catch (DeidSpecs.SpecException e) {
                    LOG.warn("{} (its instances wait in the queue)", e.getMessage());
                }
            }
        }
    }

    /** Why enabled route destinations that de-identify cannot run now (for the health report); empty if all can. */
    public List<String> waiting() {
        List<String> out = new ArrayList<>();
        for (RouteConfig r : config.routes()) {
            for (RouteDestination rd : r.destinations()) {
                if (r.enabled() && rd.enabled() && DeidSpecs.deidentifies(rd)
                        && plan(r.aeTitle(), rd.destination()) instanceof Plan.Waiting w) {
                    out.add(w.reason());
                }
            }
        }
        return out;
    }

    /** The plan of a route destination now. */
    public Plan plan(String routeAeTitle, String destination) {
        String key = key(routeAeTitle) + '\u0000' + destination;
        long generation = types.generation();
        RouterConfig c = config;
        Cached cached = cache.get(key);
        if (cached != null && cached.generation() == generation && cached.config() == c) {
            return cached.plan();
        }
        Plan plan = build(c, routeAeTitle, destination);
        cache.put(key, new Cached(generation, c, plan));
        return plan;
    }

    private static String key(String ae) {
        return ae.strip().toUpperCase(Locale.ROOT);
    }

    private Plan build(RouterConfig current, String routeAeTitle, String destination) {
        RouterConfig c = current;
        RouteConfig route = find(c, routeAeTitle);
        if (route == null && retired.get(key(routeAeTitle)) != null) {
            c = retired.get(key(routeAeTitle));
            route = find(c, routeAeTitle);
        }
        if (route == null) {
            return new Plan.Waiting("route " + routeAeTitle + " is not configured: its de-identification is unknown");
        }
        RouteDestination rd = route.destinations().stream().filter(d -> d.destination().equals(destination))
                .findFirst().orElse(null);
        if (rd == null) {
            // the destination was reached through a routing rule only: the route's own entry, if any, has the settings
            return Plan.NONE;
        }
        List<ComponentConfig> specs;
        try {
            specs = DeidSpecs.of(c, route, rd);
        } catch (DeidSpecs.SpecException e) {
            return new Plan.Waiting(e.getMessage());
        }
        if (specs.isEmpty()) {
            return Plan.NONE;
        }
        String where = "route " + route.aeTitle() + ", destination " + destination + ": ";
        List<DatasetProcessor> processors = new ArrayList<>();
        for (ComponentConfig spec : specs) {
            DatasetProcessorFactory f = types.get(spec.type());
            if (f == null) {
                return new Plan.Waiting(where + "processor type '" + spec.type() + "' is not available (is the"
                        + " router-deid feature installed?)");
            }
            try {
                processors.add(f.create(spec));
            } catch (InvalidConfigurationException e) {
                return new Plan.Waiting(where + spec.type() + " '" + spec.name() + "': " + e.getMessage());
            } catch (RuntimeException | LinkageError e) {
                return new Plan.Waiting(where + spec.type() + " '" + spec.name() + "' cannot be created: " + e);
            }
        }
        return new Plan.Ready(processors, rd.projectId(), rd.useHonestBroker());
    }

    private static RouteConfig find(RouterConfig c, String routeAeTitle) {
        return c.routes().stream().filter(r -> r.aeTitle().strip().equalsIgnoreCase(routeAeTitle.strip())).findFirst()
                .orElse(null);
    }
}
