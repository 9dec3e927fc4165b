package org.xnat.router.api.transfer;

import java.time.Instant;
import java.util.Objects;

/**
 * A change in a transfer: a study on its way from a route to one destination.
 *
 * @param transferId the transfer's id in the router's database
 * @param studyInstanceUid the study, as received
 * @param routeAeTitle the route it came in through
 * @param destination the destination's configured name
 * @param state the new state
 * @param instancesDone instances delivered so far
 * @param instancesTotal instances in the transfer
 * @param bytesDone bytes delivered so far
 * @param error the last error, or empty
 * @param at when the change was recorded
 */
public record TransferEvent(long transferId, String studyInstanceUid, String routeAeTitle, String destination,
        TransferState state, int instancesDone, int instancesTotal, long bytesDone, String error, Instant at) {

    /** Requires state and time; a null error becomes empty. */
    public TransferEvent {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        error = error == null ? "" : error;
    }
}
