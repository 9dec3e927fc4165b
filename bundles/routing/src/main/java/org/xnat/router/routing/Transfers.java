package org.xnat.router.routing;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tracking: one transfer is one study received on a route, for one destination (or, for instances the route
 * rejected, for none). Reads PostgreSQL, so it sees the work of every router instance sharing the database.
 */
@ProviderType
public interface Transfers {

    /** Newest first. */
    List<TransferSummary> list(TransferQuery query);

    /**
     * Newest first, with a time range on the start and the total count of matches (for pagination).
     *
     * @since 1.1
     */
    TransferPage search(TransferSearch search);

    Optional<TransferSummary> get(long transferId);

    /** The instances of a transfer, in the order they were received, at most {@code limit}. */
    List<TransferInstance> instances(long transferId, int limit);

    /**
     * Puts the failed (dead-letter) instances of a transfer back into the queue with a fresh retry budget.
     *
     * @return how many instances were queued again (0: nothing to retry, or no such transfer)
     */
    int retry(long transferId);

    /**
     * Cancels what is still queued for a transfer; a delivery running on this instance is interrupted.
     *
     * @return how many queued instances were cancelled
     */
    int cancel(long transferId);
}
