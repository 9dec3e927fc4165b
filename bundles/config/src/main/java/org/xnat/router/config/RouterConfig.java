package org.xnat.router.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole {@code config.yaml}: named destinations, the routes (one DICOM listener each) that feed them,
 * honest brokers and scripts kept for de-identification, and the delivery retry policy.
 * {@code ${ENV_VAR}} references are already resolved.
 *
 * @param dataDirectory {@code data_directory} (or the legacy {@code receiver.base_dir}); {@code null}
 *        when the file does not set it, and then the launcher's {@code --data} directory applies
 * @param scriptsDirectory {@code scripts_directory}, or {@code null}
 * @param resilience retry and retention policy
 * @param destinations destinations by name, in file order
 * @param routes routes in file order
 * @param honestBrokers honest brokers by name, in file order
 * @param scripts de-identification scripts by name, in file order
 * @param settings {@code settings:} instance limits (uploads, imports, trash); defaults when absent
 */
public record RouterConfig(String dataDirectory, String scriptsDirectory, ResilienceConfig resilience,
        Map<String, DestinationConfig> destinations, List<RouteConfig> routes,
        Map<String, HonestBrokerConfig> honestBrokers, Map<String, ScriptConfig> scripts, RouterSettings settings) {

    public RouterConfig {
        settings = settings == null ? RouterSettings.DEFAULT : settings;
        resilience = resilience == null ? ResilienceConfig.DEFAULT : resilience;
        destinations = Immutables.map(destinations);
        routes = Immutables.list(routes);
        honestBrokers = Immutables.map(honestBrokers);
        scripts = Immutables.map(scripts);
    }

    /** A configuration with default {@link RouterSettings} (the constructor from before {@code settings:}). */
    public RouterConfig(String dataDirectory, String scriptsDirectory, ResilienceConfig resilience,
            Map<String, DestinationConfig> destinations, List<RouteConfig> routes,
            Map<String, HonestBrokerConfig> honestBrokers, Map<String, ScriptConfig> scripts) {
        this(dataDirectory, scriptsDirectory, resilience, destinations, routes, honestBrokers, scripts, null);
    }

    /** A configuration with nothing in it. */
    public static RouterConfig empty() {
        return new RouterConfig(null, null, null, null, null, null, null, null);
    }

    public Optional<DestinationConfig> destination(String name) {
        return Optional.ofNullable(destinations.get(name));
    }

    /** The route listening on a port, if any. */
    public Optional<RouteConfig> routeOnPort(int port) {
        return routes.stream().filter(r -> r.port() == port).findFirst();
    }

    /** The route with an AE title (compared ignoring case, as the XNAT DICOM Router did), if any. */
    public Optional<RouteConfig> routeForAeTitle(String aeTitle) {
        return routes.stream().filter(r -> r.aeTitle().equalsIgnoreCase(aeTitle)).findFirst();
    }
}
