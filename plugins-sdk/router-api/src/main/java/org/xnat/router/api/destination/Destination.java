package org.xnat.router.api.destination;

import org.osgi.annotation.versioning.ConsumerType;
import org.xnat.router.api.health.HealthReport;

/**
 * One configured destination. The router's delivery queue is the only scheduler of outbound
 * work: a destination delivers what it is given, once, and reports the outcome; it never retries
 * on its own (it says whether a retry could help through {@link DeliveryException#retryable()}).
 * Called from several threads at once for different deliveries.
 */
@ConsumerType
public interface Destination extends AutoCloseable {

    /** The configured name. */
    String name();

    /**
     * Sends every instance of the delivery. Returns normally only when all of them were accepted by
     * the remote side (or written durably, for local destinations).
     *
     * @throws DeliveryException when the delivery failed, in whole or in part
     * @throws InterruptedException when the router cancels the delivery or shuts down
     */
    void deliver(Delivery delivery) throws DeliveryException, InterruptedException;

    /** Checks that the remote side answers (C-ECHO, an HTTP ping, a writable directory...). */
    HealthReport check();

    /** Releases pooled connections and threads. */
    @Override
    void close();
}
