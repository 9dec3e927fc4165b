package org.xnat.router.routing;

/**
 * Filters of {@link Transfers#list}; {@code null} means any.
 *
 * @param status one of {@link TransferSummary#status()}'s values, case-insensitive
 * @param routeAeTitle the route
 * @param studyInstanceUid the study
 * @param destination the destination name
 * @param limit at most this many (1..10000)
 * @param offset skip this many
 */
public record TransferQuery(String status, String routeAeTitle, String studyInstanceUid, String destination,
        int limit, int offset) {

    public TransferQuery {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
        }
    }

    public static TransferQuery latest(int limit) {
        return new TransferQuery(null, null, null, null, limit, 0);
    }
}
