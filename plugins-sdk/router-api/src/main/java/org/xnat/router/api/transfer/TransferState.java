package org.xnat.router.api.transfer;

/** The life of a transfer. */
public enum TransferState {
    /** Received and queued for the destination. */
    QUEUED,
    /** Being delivered. */
    IN_PROGRESS,
    /** Failed, a retry is scheduled. */
    RETRY_SCHEDULED,
    /** Every instance delivered. */
    COMPLETED,
    /** Failed and out of retries, or failed in a way retries cannot help. */
    FAILED,
    /** Cancelled by an operator. */
    CANCELLED;

    /** Whether no more events follow for the transfer (unless it is retried by hand). */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
