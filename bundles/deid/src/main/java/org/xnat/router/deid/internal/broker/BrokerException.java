package org.xnat.router.deid.internal.broker;

/**
 * The honest broker could not give a research identifier. When the cause is an {@link java.io.IOException} (the
 * broker service cannot be reached, times out or is busy) or an {@link java.sql.SQLException} (the crosswalk's
 * database), the failure is transient: the router keeps the instance queued and tries again later. Otherwise (the
 * broker knows no research ID for the value, refuses the request) the instance fails.
 */
public class BrokerException extends Exception {

    private static final long serialVersionUID = 1L;

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }

    public BrokerException(String message) {
        super(message);
    }
}
