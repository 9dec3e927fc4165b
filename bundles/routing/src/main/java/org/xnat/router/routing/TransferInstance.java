package org.xnat.router.routing;

import java.time.Instant;

/**
 * One instance of a transfer.
 *
 * @param sopInstanceUid the instance
 * @param sopClassUid its SOP class
 * @param seriesInstanceUid its series
 * @param fileSize bytes in the spool
 * @param status {@code QUEUED}, {@code DONE}, {@code FAILED}, {@code REJECTED}, {@code CANCELLED}
 * @param dimseStatus what the destination answered for it (DIMSE status, 0 for a non-DIMSE success), or -1
 * @param error the error or the rule that rejected it, or empty
 * @param receivedAt when it was received
 */
public record TransferInstance(String sopInstanceUid, String sopClassUid, String seriesInstanceUid, long fileSize,
        String status, int dimseStatus, String error, Instant receivedAt) {
}
