package org.xnat.router.routing;

import java.util.List;
import java.util.Objects;

/**
 * What happened to an ingested instance. It is durable in every case (also when filtered out).
 *
 * @param outcome routed, or filtered out by the route's filters
 * @param spoolFileId id of the {@code spool_files} row
 * @param studyInstanceUid the instance's study
 * @param sopInstanceUid the instance
 * @param destinations destinations it was queued for (empty when filtered)
 * @param detail for {@link Outcome#FILTERED}: the filter that dropped it; validation warnings otherwise
 */
public record IngestResult(Outcome outcome, long spoolFileId, String studyInstanceUid, String sopInstanceUid,
        List<String> destinations, String detail) {

    public IngestResult {
        Objects.requireNonNull(outcome, "outcome");
        destinations = List.copyOf(destinations);
        detail = detail == null ? "" : detail;
    }

    public enum Outcome {
        /** Queued for at least one destination. */
        ROUTED,
        /** Kept and recorded as REJECTED, not delivered: a filter excluded it or no destination applies. */
        FILTERED
    }
}
