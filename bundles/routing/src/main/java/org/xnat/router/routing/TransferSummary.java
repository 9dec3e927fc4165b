package org.xnat.router.routing;

import java.time.Instant;

/**
 * One transfer as tracked in PostgreSQL.
 *
 * @param id transfer id
 * @param studyInstanceUid the study
 * @param routeAeTitle the route it came in through
 * @param callingAeTitle the sender (empty for imports)
 * @param destination destination name; empty for the REJECTED transfer of a study
 * @param status {@code QUEUED}, {@code SENDING}, {@code RETRYING} (a retry is scheduled), {@code DONE},
 *        {@code PARTIAL} (some instances failed), {@code FAILED}, {@code REJECTED}, {@code CANCELLED}
 * @param fileCount instances in the transfer
 * @param totalBytes their size in the spool
 * @param instancesDone instances delivered
 * @param instancesFailed instances in the dead-letter state
 * @param startedAt first instance received
 * @param completedAt when the transfer reached a final status, or {@code null}
 * @param attempts highest number of delivery attempts of its instances
 * @param lastError the last error, or empty
 */
public record TransferSummary(long id, String studyInstanceUid, String routeAeTitle, String callingAeTitle,
        String destination, String status, int fileCount, long totalBytes, int instancesDone, int instancesFailed,
        Instant startedAt, Instant completedAt, int attempts, String lastError) {

    /** Whether the status is final (no more work unless retried or a late instance opens a follow-up). */
    public boolean isFinal() {
        return completedAt != null;
    }
}
