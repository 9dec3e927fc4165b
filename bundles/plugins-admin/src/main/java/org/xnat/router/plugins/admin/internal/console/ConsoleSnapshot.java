package org.xnat.router.plugins.admin.internal.console;

import java.util.List;

import org.xnat.router.api.health.HealthReport;
import org.xnat.router.plugins.admin.internal.PluginInfo;
import org.xnat.router.routing.RoutingStatus;

/**
 * Everything the "DICOM Router" tab shows, read at one moment.
 *
 * @param engineRunning whether the routing engine's {@link RoutingStatus} service is there
 * @param routes routes and their listeners
 * @param destinations destinations, availability and queue depths
 * @param health every health indicator's report
 * @param plugins installed plugins
 */
record ConsoleSnapshot(boolean engineRunning, List<RoutingStatus.RouteStatus> routes,
        List<RoutingStatus.DestinationStatus> destinations, List<NamedHealth> health, List<PluginInfo> plugins) {

    ConsoleSnapshot {
        routes = List.copyOf(routes);
        destinations = List.copyOf(destinations);
        health = List.copyOf(health);
        plugins = List.copyOf(plugins);
    }

    record NamedHealth(String name, HealthReport report) {
    }
}
