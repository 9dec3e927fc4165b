package org.xnat.router.plugins.admin.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Which bundles are router plugins and what each contributes. A plugin is a bundle that registers one of the
 * router's extension services (built-in capabilities use the same doors and are listed too), or a bundle that
 * imports the router API but is not active, so that a plugin that failed to resolve or start shows up with
 * its problem instead of silently missing.
 */
final class PluginInventory {

    static final String API_BUNDLE = "org.xnat.router.api";
    private static final Pattern API_IMPORT = Pattern.compile("(^|[,\\s])org\\.xnat\\.router\\.api(\\.|[;,\\s]|$)");

    /** objectClass of an extension service -> label prefix, and the service property naming its type. */
    private static final List<String[]> EXTENSIONS = List.of(
            new String[] {"org.xnat.router.api.destination.DestinationFactory", "destination", "router.destination.type"},
            new String[] {"org.xnat.router.api.filter.RouteFilterFactory", "filter", "router.filter.type"},
            new String[] {"org.xnat.router.api.processor.DatasetProcessorFactory", "processor", "router.processor.type"},
            new String[] {"org.xnat.router.api.transfer.TransferListener", "transfer-listener", null},
            new String[] {"org.xnat.router.api.health.HealthIndicator", "health-indicator", null});

    private PluginInventory() {
    }

    /** Reads the framework and describes the plugins. */
    static List<PluginInfo> plugins(BundleContext context, ServiceComponentRuntime scr, boolean all) {
        List<BundleFacts> facts = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0) {
                facts.add(facts(b, scr));
            }
        }
        return describe(facts, all);
    }

    /**
     * @param all also list active bundles that use the router API without contributing an extension (the
     *        engine's consumers, libraries)
     */
    static List<PluginInfo> describe(Collection<BundleFacts> bundles, boolean all) {
        List<PluginInfo> out = new ArrayList<>();
        for (BundleFacts b : bundles) {
            if (API_BUNDLE.equals(b.symbolicName())) {
                continue;
            }
            List<String> extensions = extensions(b.services());
            boolean usesApi = API_IMPORT.matcher(b.importPackage()).find();
            boolean broken = usesApi && b.state() != Bundle.ACTIVE;
            if (extensions.isEmpty() && !broken && !(all && usesApi)) {
                continue;
            }
            out.add(new PluginInfo(b.id(), b.symbolicName(), b.version(), stateName(b.state()), extensions,
                    componentsText(b.components()), source(b.location()), problem(b)));
        }
        out.sort(Comparator.comparingLong(PluginInfo::bundleId));
        return out;
    }

    static List<String> extensions(List<Map<String, Object>> services) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> s : services) {
            List<String> classes = objectClasses(s.get(Constants.OBJECTCLASS));
            for (String[] e : EXTENSIONS) {
                if (classes.contains(e[0])) {
                    Object type = e[2] == null ? null : s.get(e[2]);
                    String label = type == null ? e[1] : e[1] + ":" + type;
                    if ("destination".equals(e[1]) && "study".equals(String.valueOf(s.get("router.destination.delivery")))) {
                        label += " (per study)";
                    }
                    if (!out.contains(label)) {
                        out.add(label);
                    }
                }
            }
        }
        return out;
    }

    private static List<String> objectClasses(Object value) {
        if (value instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN(" + state + ")";
        };
    }

    /** Bundles dropped into deploy/ are what an administrator looks for; everything else keeps its location. */
    static String source(String location) {
        String l = location.replace('\\', '/');
        int i = l.lastIndexOf("/deploy/");
        if (i >= 0) {
            return "deploy/" + l.substring(i + "/deploy/".length());
        }
        return l;
    }

    private static String componentsText(BundleFacts.Components c) {
        return c.total() == 0 ? "-" : c.active() + "/" + c.total();
    }

    private static String problem(BundleFacts b) {
        List<String> problems = new ArrayList<>();
        if (b.state() == Bundle.INSTALLED) {
            problems.add("not resolved: a package it imports is missing (see bundle:diag " + b.id() + ")");
        } else if (b.state() == Bundle.RESOLVED) {
            problems.add("resolved but not started (bundle:start " + b.id() + ")");
        }
        problems.addAll(b.components().problems());
        return String.join("; ", problems);
    }

    // ------------------------------------------------------------------------------------------ reading

    static BundleFacts facts(Bundle b, ServiceComponentRuntime scr) {
        List<Map<String, Object>> services = new ArrayList<>();
        ServiceReference<?>[] registered = b.getState() == Bundle.UNINSTALLED ? null : b.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> ref : registered) {
                services.add(ref.getProperties() == null ? Map.of() : toMap(ref));
            }
        }
        return new BundleFacts(b.getBundleId(), b.getSymbolicName(), String.valueOf(b.getVersion()), b.getState(),
                b.getLocation(), b.getHeaders("").get(Constants.IMPORT_PACKAGE), services, components(b, scr));
    }

    private static Map<String, Object> toMap(ServiceReference<?> ref) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (String key : ref.getPropertyKeys()) {
            m.put(key, ref.getProperty(key));
        }
        return m;
    }

    private static BundleFacts.Components components(Bundle b, ServiceComponentRuntime scr) {
        if (scr == null || b.getState() != Bundle.ACTIVE) {
            return BundleFacts.Components.NONE;
        }
        int total = 0;
        int active = 0;
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            total++;
            Collection<ComponentConfigurationDTO> configs = scr.getComponentConfigurationDTOs(d);
            if (configs.isEmpty()) {
                problems.add(d.name + " waits for its configuration");
            }
            boolean ok = false;
            for (ComponentConfigurationDTO c : configs) {
                if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                    ok = true;
                } else if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    problems.add(d.name + " failed to activate: " + c.failure);
                } else {
                    List<String> missing = new ArrayList<>();
                    for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
                        missing.add(u.name);
                    }
                    problems.add(d.name + " unsatisfied: missing " + String.join(", ", missing));
                }
            }
            if (ok) {
                active++;
            }
        }
        return new BundleFacts.Components(total, active, problems);
    }
}
