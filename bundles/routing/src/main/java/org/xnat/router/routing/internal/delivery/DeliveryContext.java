package org.xnat.router.routing.internal.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.transfer.TransferEvent;

/** What delivery workers need from the engine. */
public interface DeliveryContext {

    DeliveryQueue queue();

    /** The spool file of a relative path. */
    Path spoolFile(String relativePath);

    /** Where processed copies are written while they are sent. */
    Path workDirectory();

    /** This engine's lease owner id in {@code delivery_queue.claimed_by}. */
    String owner();

    Duration lease();

    Duration pollInterval();

    /** Instances claimed together at most. */
    int batchSize(boolean studyMode);

    /**
     * The processing of a route's instances (its tag modifications), or {@code null} for none.
     *
     * @throws IllegalStateException the route is no longer configured (its processing is unknown)
     */
    DatasetProcessor processorFor(String routeAeTitle);

    void fire(List<TransferEvent> events);

    /**
     * De-identifies a claimed batch for its route destination (from the spooled originals, after the tag
     * modifications), or returns {@code null} when the route destination does not de-identify.
     */
    default org.xnat.router.routing.internal.processing.Preparation prepare(ClaimedBatch batch,
            DatasetProcessor tagModifications) throws InterruptedException {
        return null;
    }
}
