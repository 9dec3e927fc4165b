package org.xnat.router.destination.dicom.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.NoPresentationContextException;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.destination.dicom.internal.AssociationPool.Lease;

/**
 * The health check: one C-ECHO. On an idle pooled association when there is one (a peer that serves one
 * association at a time would not answer a second one while we keep it), else on a new association
 * proposing only Verification, released afterwards. Bounded to a few seconds whatever the configured
 * timeouts, as health checks must answer quickly.
 */
final class EchoCheck implements AutoCloseable {

    static final Duration LIMIT = Duration.ofSeconds(5);

    private final DicomDestinationConfig config;
    private final ConnectionOptions options;
    private DicomClient client;
    private boolean closed;

    EchoCheck(DicomDestinationConfig config) {
        this.config = config;
        ConnectionOptions.Builder b = ConnectionOptions.builder()
                .connectTimeout(min(config.connectTimeout(), LIMIT))
                .artimTimeout(min(config.connectTimeout(), LIMIT))
                .responseTimeout(min(config.responseTimeout(), LIMIT))
                .writeTimeout(LIMIT);
        if (config.tls() != null) {
            b.tls(config.tls().options());
        }
        this.options = b.build();
    }

    HealthReport check(AssociationPool pool, ExecutorService executor) {
        String peer = config.calledAeTitle() + " at " + config.host() + ":" + config.port();
        Lease pooled = pool.borrowIdle();
        if (pooled != null) {
            HealthReport r = echoPooled(pool, pooled, executor, peer);
            if (r != null) {
                return r;
            }
        }
        DicomClient c = client();
        if (c == null) {
            return HealthReport.down("destination '" + config.name() + "' is closed");
        }
        long start = System.nanoTime();
        try (ScuAssociation as = c.connect(config.host(), config.port(),
                AssociationRequest.builder(config.callingAeTitle(), config.calledAeTitle())
                        .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build())) {
            long associated = System.nanoTime();
            int status;
            try {
                status = as.echo();
            } catch (NoPresentationContextException e) {
                return HealthReport.up("association with " + peer + " accepted in " + millis(start, associated)
                        + " ms; it does not offer Verification, so no C-ECHO");
            }
            long echoed = System.nanoTime();
            if (status != DimseStatus.SUCCESS) {
                return HealthReport.down("C-ECHO to " + peer + " answered with status " + StoreStatus.describe(status));
            }
            return HealthReport.up("C-ECHO to " + peer + " in " + millis(associated, echoed) + " ms (round trip; "
                    + millis(start, echoed) + " ms with association set-up)");
        } catch (IOException e) {
            return HealthReport.down("C-ECHO to " + peer + " failed: " + NetworkFailure.of(e, config).message());
        }
    }

    /** C-ECHO on an idle pooled association; null when that association turned out unusable (then a new one is tried). */
    private HealthReport echoPooled(AssociationPool pool, Lease lease, ExecutorService executor, String peer) {
        long start = System.nanoTime();
        Future<Integer> echo;
        try {
            echo = executor.submit(() -> lease.association().echo());
        } catch (RejectedExecutionException e) {
            pool.giveBack(lease);
            return HealthReport.down("destination '" + config.name() + "' is closed");
        }
        try {
            int status = echo.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            long echoed = System.nanoTime();
            pool.giveBack(lease);
            if (status != DimseStatus.SUCCESS) {
                return HealthReport.down("C-ECHO to " + peer + " answered with status " + StoreStatus.describe(status));
            }
            return HealthReport.up("C-ECHO to " + peer + " in " + millis(start, echoed) + " ms (round trip, on a pooled association)");
        } catch (TimeoutException e) {
            pool.discard(lease);
            return HealthReport.down("C-ECHO to " + peer + " failed: timeout: no C-ECHO response within "
                    + LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            // e.g. the peer dropped the idle association just now
            pool.discard(lease);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.discard(lease);
            return HealthReport.down("health check interrupted");
        }
    }

    private synchronized DicomClient client() {
        if (closed) {
            return null;
        }
        if (client == null) {
            client = new DicomClient(options);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return Math.max(0, (toNanos - fromNanos) / 1_000_000);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
