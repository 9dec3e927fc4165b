package org.xnat.router.routing.internal.delivery;

import org.xnat.router.routing.internal.tracking.TransferPolicy;

/** The transfer a claimed batch belongs to, read back from PostgreSQL. */
public record TransferInfo(long id, String studyInstanceUid, String routeAeTitle, String callingAeTitle,
        String destination, TransferPolicy policy) {
}
