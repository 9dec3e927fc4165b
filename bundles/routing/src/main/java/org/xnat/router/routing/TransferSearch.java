package org.xnat.router.routing;

import java.time.Instant;

/**
 * Filters of {@link Transfers#search}: those of {@link TransferQuery} plus a time range on when a transfer
 * started; {@code null} means any.
 *
 * @param status one of {@link TransferSummary#status()}'s values, case-insensitive
 * @param routeAeTitle the route
 * @param studyInstanceUid the study
 * @param destination the destination name
 * @param startedFrom started at or after
 * @param startedBefore started before
 * @param limit at most this many (1..10000)
 * @param offset skip this many
 * @since 1.1
 */
public record TransferSearch(String status, String routeAeTitle, String studyInstanceUid, String destination,
        Instant startedFrom, Instant startedBefore, int limit, int offset) {

    public TransferSearch {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
        }
        if (startedFrom != null && startedBefore != null && !startedFrom.isBefore(startedBefore)) {
            throw new IllegalArgumentException("startedFrom must be before startedBefore");
        }
    }
}
