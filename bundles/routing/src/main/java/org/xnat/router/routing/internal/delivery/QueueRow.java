package org.xnat.router.routing.internal.delivery;

/**
 * A claimed row of {@code delivery_queue} with what is needed to send its instance.
 *
 * @param attempts attempts including the current one
 */
public record QueueRow(long id, long transferId, String sopInstanceUid, String sopClassUid, String transferSyntaxUid,
        String spoolPath, long size, int attempts) {
}
