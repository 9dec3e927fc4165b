package org.xnat.router.rest;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only audit trail (table {@code audit_log}): every change made through the API, the shell or an
 * import writes one entry. Implemented by rest-core; resources and commands call it.
 */
@ProviderType
public interface AuditLog {

    /**
     * Records one action. Never throws for a database problem (it is logged): an audit failure must not
     * hide the outcome of the change itself, which is already done.
     *
     * @param actor the API key name, {@code shell:<user>} or {@code system}
     * @param action what was done, e.g. {@code route.update}, {@code transfer.retry}, {@code config.rollback}
     * @param targetType e.g. {@code route}, {@code destination}, {@code transfer}
     * @param targetId e.g. the AE title, the destination name, the transfer id
     * @param remoteAddress the client IP, or {@code ""}
     * @param detail extra JSON-able facts (never secrets)
     */
    void record(String actor, String action, String targetType, String targetId, String remoteAddress,
            Map<String, ?> detail);

    /** Shorthand for a request's caller. */
    default void record(Caller caller, String action, String targetType, String targetId, Map<String, ?> detail) {
        record(caller.name(), action, targetType, targetId, caller.remoteAddress(), detail);
    }
}
