package org.xnat.router.destination.dicom.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.health.HealthReport;

/**
 * Sends each delivery's instances to a DICOM node with C-STORE, over pooled associations (see
 * {@link AssociationPool}), and checks the node with C-ECHO.
 */
final class DicomDestination implements Destination {

    private static final Logger LOG = LoggerFactory.getLogger(DicomDestination.class);
    /** C-STOREs we may have outstanding on one association; the peer's answer may lower it (often to 1). */
    static final int ASYNC_OPERATIONS = 16;
    /** The toolkit aborts an association silent for this long beyond the pool's idle timeout (a safety net). */
    private static final Duration IDLE_MARGIN = Duration.ofSeconds(60);

    private final DicomDestinationConfig config;
    private final AssociationPool pool;
    private final EchoCheck echo;
    private final ExecutorService workers;

    DicomDestination(DicomDestinationConfig config) {
        this.config = config;
        this.pool = new AssociationPool(config, connectionOptions(config));
        this.echo = new EchoCheck(config);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "dicom-destination-" + config.name() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newCachedThreadPool(threads);
    }

    static ConnectionOptions connectionOptions(DicomDestinationConfig config) {
        ConnectionOptions.Builder b = ConnectionOptions.builder()
                .connectTimeout(config.connectTimeout())
                .artimTimeout(config.connectTimeout())
                .responseTimeout(config.responseTimeout())
                .writeTimeout(config.responseTimeout())
                .idleTimeout(config.idleTimeout().plus(IDLE_MARGIN))
                .asyncOperationsWindow(ASYNC_OPERATIONS, 1);
        if (config.tls() != null) {
            b.tls(config.tls().options());
        }
        return b.build();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public void deliver(Delivery delivery) throws DeliveryException, InterruptedException {
        if (delivery.instances().isEmpty()) {
            LOG.debug("Destination '{}': transfer {} has no instances", name(), delivery.transferId());
            return;
        }
        new StoreRun(config, pool, workers, delivery).execute();
    }

    @Override
    public HealthReport check() {
        try {
            return echo.check(pool, workers);
        } catch (RuntimeException e) {
            return HealthReport.down("C-ECHO to " + config.calledAeTitle() + " failed: " + e);
        }
    }

    /** The pool, for tests: how many associations were opened and are open. */
    AssociationPool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        workers.shutdownNow();
        echo.close();
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
