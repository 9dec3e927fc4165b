package org.xnat.router.routing.internal.processing;

/**
 * An instance could not be de-identified for a delivery attempt. {@link #retryable()}: the cause may go away
 * (a broker service or database that cannot be reached, a full disk): the instance waits in the queue;
 * otherwise (a script error, a value the broker refuses) it fails with this message. Never sent either way.
 */
public final class InstanceProcessingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public InstanceProcessingException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /**
     * Whether a processor's failure is transient: by the convention of the processor types, a failure caused
     * (anywhere in its cause chain) by an {@link java.io.IOException} or a {@link java.sql.SQLException} is.
     */
    static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof java.io.IOException || t instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }
}
