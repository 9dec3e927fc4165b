package org.xnat.router.destination.dicom.internal;

import java.io.IOException;
import java.time.Duration;

import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.NoPresentationContextException;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.router.api.health.HealthReport;

/**
 * The health check: a new association proposing only Verification, one C-ECHO, an orderly release. A new
 * association rather than a pooled one, because opening one is what deliveries depend on. Bounded to a few
 * seconds whatever the configured timeouts, as health checks must answer quickly.
 */
final class EchoCheck implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(5);

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

    HealthReport check() {
        String peer = config.calledAeTitle() + " at " + config.host() + ":" + config.port();
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
