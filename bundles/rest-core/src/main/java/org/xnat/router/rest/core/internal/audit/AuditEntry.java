package org.xnat.router.rest.core.internal.audit;

import java.time.Instant;
import java.util.Map;

/** One row of {@code audit_log}. */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
        String remoteAddress, Map<String, Object> detail) {
}
