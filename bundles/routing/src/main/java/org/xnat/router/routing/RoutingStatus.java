package org.xnat.router.routing;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.xnat.router.api.health.HealthReport;

/** The live state of the engine on this router instance: listeners, destinations, queues. */
@ProviderType
public interface RoutingStatus {

    List<RouteStatus> routes();

    List<DestinationStatus> destinations();

    /**
     * Checks a destination's remote side ({@code Destination.check()}: C-ECHO, HTTP ping, writable directory).
     *
     * @throws IllegalArgumentException no destination with that name is configured
     */
    HealthReport echo(String destination);

    /**
     * The spool's disk.
     *
     * @since 1.1
     */
    SpoolStatus spoolStatus();

    /**
     * @param directory the spool directory
     * @param freeBytes usable bytes on its file system, -1 when unknown
     * @param totalBytes size of its file system, -1 when unknown
     * @param minFreeBytes below this much free space stores are refused (A700)
     * @since 1.1
     */
    record SpoolStatus(String directory, long freeBytes, long totalBytes, long minFreeBytes) {
    }

    /**
     * @param aeTitle called AE title
     * @param port TCP port
     * @param enabled {@code enabled} in the configuration
     * @param listening whether its DICOM listener runs
     * @param problem why it does not listen, or empty
     * @param destinations names of its enabled destinations
     */
    record RouteStatus(String aeTitle, int port, boolean enabled, boolean listening, String problem,
            List<String> destinations) {
    }

    /**
     * @param name configured name
     * @param type destination type
     * @param delivery {@code instance} or {@code study}
     * @param available whether a factory for the type is present and created it
     * @param problem why not available, or empty
     * @param pending queued instances (waiting or scheduled for retry)
     * @param inProgress instances being delivered (by any router instance)
     * @param failed instances in the dead-letter state
     */
    record DestinationStatus(String name, String type, String delivery, boolean available, String problem,
            long pending, long inProgress, long failed) {
    }
}
