package org.xnat.router.rest.core.internal.audit;

import java.time.Instant;

/**
 * Filters of the audit trail; {@code null} means any.
 *
 * @param actor exact actor (key name, {@code shell:<user>}, {@code system})
 * @param action exact action, or a prefix ending in {@code .} or {@code *} ({@code transfer.} matches
 *        {@code transfer.retry})
 * @param targetType exact target type
 * @param targetId exact target id
 * @param from at or after
 * @param to before
 * @param limit 1..1000
 * @param offset 0 or more
 */
public record AuditQuery(String actor, String action, String targetType, String targetId, Instant from, Instant to,
        int limit, int offset) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
