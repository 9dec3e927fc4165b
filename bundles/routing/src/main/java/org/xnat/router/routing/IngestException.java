package org.xnat.router.routing;

import java.util.Objects;

/** An instance was not taken by the router; {@link #reason()} maps to the answer the sender gets. */
public class IngestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public IngestException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public IngestException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }

    public enum Reason {
        /** The spool is short of disk space, or the spool or the database failed: try again later (DIMSE A700). */
        OUT_OF_RESOURCES,
        /** The data cannot be parsed as DICOM (DIMSE C000). */
        UNREADABLE,
        /** A validation rule with {@code on_failure: reject} failed; recorded as REJECTED (DIMSE A900). */
        REJECTED,
        /** No enabled route has the AE title (DIMSE C000 / refused by the caller). */
        UNKNOWN_ROUTE
    }
}
