package org.xnat.router.examples.dicomjson.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.io.DicomParseException;
import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.InstanceResult;
import org.xnat.router.api.health.HealthReport;

/**
 * One configured {@code dicom-json} destination. Holds no connections: each delivery writes its instances
 * one after the other; several deliveries may run at once (they write different instances, or the same
 * instance with the same result).
 */
final class DicomJsonDestination implements Destination {

    private static final Logger LOG = LoggerFactory.getLogger(DicomJsonDestination.class);

    private final DicomJsonConfig config;
    private final InstanceWriter writer;

    DicomJsonDestination(DicomJsonConfig config) {
        this.config = config;
        this.writer = new InstanceWriter(config);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public void deliver(Delivery delivery) throws DeliveryException, InterruptedException {
        int done = 0;
        long bytes = 0;
        for (DeliveryInstance instance : delivery.instances()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("delivery of transfer " + delivery.transferId() + " cancelled");
            }
            try {
                InstanceWriter.Written w = writer.write(instance, delivery.studyInstanceUid());
                bytes += w.bytes();
                done++;
                delivery.instanceResult(new InstanceResult(instance.sopInstanceUid(), true, 0, "written to " + w.json()));
                delivery.progress(done, bytes);
            } catch (InterruptedIOException e) {
                throw new InterruptedException("delivery of transfer " + delivery.transferId() + " cancelled");
            } catch (DicomParseException e) {
                // the same bytes will not parse on the next attempt either
                delivery.instanceResult(new InstanceResult(instance.sopInstanceUid(), false, 0, e.getMessage()));
                throw new DeliveryException("Instance " + instance.sopInstanceUid() + " cannot be read: " + e.getMessage(),
                        false, done, e);
            } catch (IOException e) {
                // disk full, permissions, an unmounted share: may be fixed before the next attempt
                LOG.warn("Destination '{}': writing {} failed: {}", config.name(), instance.sopInstanceUid(), e.toString());
                throw new DeliveryException("Writing " + instance.sopInstanceUid() + " under " + config.root() + " failed: " + e,
                        true, done, e);
            }
        }
    }

    @Override
    public HealthReport check() {
        Path root = config.root();
        try {
            Durable.createDirectories(root.resolve(InstanceWriter.TMP_DIR));
            Path probe = Files.createTempFile(root.resolve(InstanceWriter.TMP_DIR), "health-", ".probe");
            Files.delete(probe);
            return HealthReport.up(root + " is writable");
        } catch (IOException e) {
            return HealthReport.down(root + " is not writable by the router: " + e);
        }
    }

    @Override
    public void close() {
        // nothing pooled
    }
}
