package org.xnat.router.api.destination;

/**
 * A delivery failed. {@link #retryable()} tells the queue whether trying again later can help
 * (a refused connection, a busy peer) or not (the peer rejects the SOP class, bad credentials).
 */
public class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final int instancesDelivered;

    /**
     * @param message what failed, for the transfer log (shown to administrators)
     * @param retryable whether a later attempt can succeed
     * @param instancesDelivered how many instances, in delivery order, the remote side accepted before the failure
     * @param cause the underlying error, or null
     */
    public DeliveryException(String message, boolean retryable, int instancesDelivered, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.instancesDelivered = instancesDelivered;
    }

    /** A failure before any instance got through. */
    public DeliveryException(String message, boolean retryable) {
        this(message, retryable, 0, null);
    }

    /** Whether the delivery queue should try again later (with backoff) rather than give up. */
    public boolean retryable() {
        return retryable;
    }

    /** How many instances, in delivery order, the remote side accepted before the failure. */
    public int instancesDelivered() {
        return instancesDelivered;
    }
}
