package ${package}.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.InstanceResult;
import org.xnat.router.api.health.HealthReport;

/**
 * One configured '${destinationType}' destination: writes each instance's Part 10 stream to
 * {@code directory/<SOP Instance UID>.dcm}. Replace the body of {@code deliver} with what your destination
 * does; keep the contract: deliver once, never retry yourself (the router's queue does), say whether a retry
 * can help, and return only when the data is safe.
 */
final class ${className}Destination implements Destination {

    private static final Logger LOG = LoggerFactory.getLogger(${className}Destination.class);
    /** A UID from the network is untrusted: only digits and dots become a file name. */
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final ${className}Config config;

    ${className}Destination(${className}Config config) {
        this.config = config;
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
            String uid = instance.sopInstanceUid();
            if (uid == null || uid.length() > 64 || !UID.matcher(uid).matches()) {
                throw new DeliveryException("Not a valid SOP Instance UID: '" + uid + "'", false, done, null);
            }
            try {
                bytes += write(instance, config.directory().resolve(uid + ".dcm"));
            } catch (IOException e) {
                LOG.warn("Destination '{}': writing {} failed: {}", config.name(), uid, e.toString());
                // a full disk or a missing mount may be fixed before the next attempt
                throw new DeliveryException("Writing " + uid + " failed: " + e, true, done, e);
            }
            done++;
            delivery.instanceResult(new InstanceResult(uid, true, 0, ""));
            delivery.progress(done, bytes);
        }
    }

    /** Temporary file, fsync, atomic rename: a file under its final name is always complete. */
    private static long write(DeliveryInstance instance, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".part-", ".tmp");
        try {
            long n;
            try (InputStream in = instance.openPart10()) {
                n = Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return n;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public HealthReport check() {
        try {
            Files.createDirectories(config.directory());
            Files.delete(Files.createTempFile(config.directory(), ".health-", ".tmp"));
            return HealthReport.up(config.directory() + " is writable");
        } catch (IOException e) {
            return HealthReport.down(config.directory() + " is not writable: " + e);
        }
    }

    @Override
    public void close() {
        // nothing pooled
    }
}
