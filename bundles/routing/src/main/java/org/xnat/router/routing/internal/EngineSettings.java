package org.xnat.router.routing.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.xnat.router.routing.internal.tracking.TrackingStore;

/**
 * How the engine runs (not what it routes: that is the configuration file).
 *
 * @param spoolDirectory the spool root ({@code DATA/spool})
 * @param minFreeBytes below this much free space on the spool's disk, stores are refused with A700
 * @param bindAddress address the route listeners bind, or null for all interfaces
 * @param instanceName names this router in {@code delivery_queue.claimed_by} (with a per-start suffix)
 * @param lease how long a claim holds without renewal
 * @param pollInterval how often idle workers look for due work
 * @param maintenanceInterval how often quiet studies are closed and the spool is cleaned
 * @param instanceBatch instances at most in one delivery to a per-instance destination
 * @param storeTimeout the longest each database statement of a store may take; beyond it the store fails (A700)
 */
public record EngineSettings(Path spoolDirectory, long minFreeBytes, String bindAddress, String instanceName,
        Duration lease, Duration pollInterval, Duration maintenanceInterval, int instanceBatch, Duration storeTimeout) {

    public static final long DEFAULT_MIN_FREE_MB = 1024;
    public static final Duration DEFAULT_STORE_TIMEOUT = TrackingStore.DEFAULT_STORE_TIMEOUT;

    /** With the default store timeout. */
    public EngineSettings(Path spoolDirectory, long minFreeBytes, String bindAddress, String instanceName,
            Duration lease, Duration pollInterval, Duration maintenanceInterval, int instanceBatch) {
        this(spoolDirectory, minFreeBytes, bindAddress, instanceName, lease, pollInterval, maintenanceInterval,
                instanceBatch, DEFAULT_STORE_TIMEOUT);
    }

    public EngineSettings {
        if (storeTimeout == null || storeTimeout.isNegative() || storeTimeout.isZero()) {
            throw new IllegalArgumentException("storeTimeout must be positive, not " + storeTimeout);
        }
    }

    public EngineSettings withMinFreeBytes(long bytes) {
        return new EngineSettings(spoolDirectory, bytes, bindAddress, instanceName, lease, pollInterval,
                maintenanceInterval, instanceBatch, storeTimeout);
    }

    public EngineSettings withStoreTimeout(Duration timeout) {
        return new EngineSettings(spoolDirectory, minFreeBytes, bindAddress, instanceName, lease, pollInterval,
                maintenanceInterval, instanceBatch, timeout);
    }
}
