package org.xnat.router.rest.core.internal.auth;

import java.time.Instant;

import org.xnat.router.rest.Role;

/**
 * An API key as listed: never its secret nor its hash.
 *
 * @param id row id
 * @param name unique among keys that are not revoked; the audit actor
 * @param role what it may do; {@code null} when the row names no role this version knows (grants nothing)
 * @param createdAt when made
 * @param createdBy who made it ({@code ROUTER_ADMIN_KEY}, {@code bootstrap}, a key name, {@code shell:<user>})
 * @param expiresAt when it stops working, or {@code null}
 * @param lastUsedAt last accepted request (updated at most once a minute), or {@code null}
 * @param revokedAt when revoked, or {@code null}
 */
public record ApiKey(long id, String name, Role role, Instant createdAt, String createdBy, Instant expiresAt,
        Instant lastUsedAt, Instant revokedAt) {

    /** {@code active}, {@code expired} or {@code revoked}. */
    public String state(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? "expired" : "active";
    }
}
