package org.xnat.router.destination.file.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.io.DicomParseException;
import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.health.HealthReport;

/**
 * Writes each instance to {@code path/<directory_pattern>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm}.
 * Every instance is first copied to {@code path/.router-tmp/}, fsynced, then renamed into place, so
 * readers of the tree never see a partial file. The Part 10 stream is read exactly once: the header
 * that names the file is parsed from the temporary copy. {@code path} itself is created only with
 * {@code create_path: true} (the default), so that a share that is not mounted can be made to fail
 * instead of turning into a directory on the wrong disk.
 */
final class FileDestination implements Destination {

    static final String TMP_DIR = ".router-tmp";
    private static final Duration STALE_TMP = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(FileDestination.class);

    private final FileDestinationConfig config;

    FileDestination(FileDestinationConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public void deliver(Delivery delivery) throws DeliveryException, InterruptedException {
        Path root = realRoot();
        Path tmpDir = root.resolve(TMP_DIR);
        try {
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw failure("cannot create " + tmpDir, e, 0);
        }
        int swept = DurableFiles.sweepStale(tmpDir, STALE_TMP);
        if (swept > 0) {
            LOG.info("Destination '{}': removed {} stale temporary files from {}", name(), swept, tmpDir);
        }
        List<String> studyDirs = null;
        int done = 0;
        long bytes = 0;
        for (DeliveryInstance instance : delivery.instances()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("delivery " + delivery.transferId() + " cancelled after " + done
                        + " instances");
            }
            Path tmp = null;
            try {
                tmp = Files.createTempFile(tmpDir, "instance-", ".part");
                long size;
                try (InputStream in = new SourceStream(instance.openPart10())) {
                    size = DurableFiles.copyAndSync(in, tmp);
                }
                Attributes header = InstanceHeader.read(tmp);
                if (studyDirs == null) {
                    studyDirs = config.pattern().resolve(placeholderValues(header, delivery));
                }
                Path target = targetFile(root, studyDirs, header, instance);
                DurableFiles.createDirectories(root, target.getParent());
                if (!target.getParent().toRealPath().startsWith(root)) {
                    throw new DeliveryException("Refusing to write " + target + ": a symbolic link leads outside "
                            + root, false, done, null);
                }
                DurableFiles.publish(tmp, target);
                tmp = null;
                done++;
                bytes += size;
                delivery.progress(done, bytes);
                LOG.debug("Destination '{}': wrote {}", name(), target);
            } catch (InterruptedIOException | ClosedByInterruptException e) {
                Thread.interrupted();
                InterruptedException ie = new InterruptedException("delivery " + delivery.transferId()
                        + " cancelled while writing instance " + instance.sopInstanceUid());
                ie.initCause(e);
                throw ie;
            } catch (SourceReadException e) {
                throw new DeliveryException("Could not read instance " + instance.sopInstanceUid()
                        + " from the router's store: " + e.getCause().getMessage(), true, done, e);
            } catch (DicomParseException e) {
                throw new DeliveryException("Instance " + instance.sopInstanceUid()
                        + " is not a readable DICOM Part 10 stream: " + e.getMessage(), false, done, e);
            } catch (IOException e) {
                throw failure("writing instance " + instance.sopInstanceUid() + " under " + root + " failed", e, done);
            } finally {
                deleteQuietly(tmp);
            }
        }
        LOG.info("Destination '{}': delivered {} instances ({} bytes) of study {} for transfer {}", name(), done,
                bytes, delivery.studyInstanceUid(), delivery.transferId());
    }

    private Path realRoot() throws DeliveryException {
        Path root = config.root();
        if (!Files.isDirectory(root) && config.createRoot()) {
            try {
                DurableFiles.createDirectories(null, root);
                LOG.info("Destination '{}': created {}", name(), root);
            } catch (IOException e) {
                throw failure("cannot create " + root, e, 0);
            }
        }
        if (!Files.isDirectory(root)) {
            throw new DeliveryException("Directory " + root + " does not exist or is not a directory (not mounted?); "
                    + "with create_path: false it is not created", true);
        }
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw failure("cannot resolve " + root, e, 0);
        }
    }

    private static Map<Placeholder, String> placeholderValues(Attributes header, Delivery delivery) {
        Map<Placeholder, String> values = new EnumMap<>(Placeholder.class);
        for (Placeholder p : Placeholder.values()) {
            values.put(p, p.rawValue(header, delivery));
        }
        return values;
    }

    /** Builds the target path from safe names only, and checks the result stays under {@code root}. */
    private static Path targetFile(Path root, List<String> studyDirs, Attributes header, DeliveryInstance instance)
            throws DeliveryException {
        Path dir = root;
        for (String name : studyDirs) {
            dir = dir.resolve(name);
        }
        dir = dir.resolve(PathSegments.safe(header.getString(Tag.SeriesInstanceUID)));
        String sop = instance.sopInstanceUid();
        if (sop == null || sop.isBlank()) {
            sop = header.getString(Tag.SOPInstanceUID);
        }
        Path target = dir.resolve(PathSegments.safe(sop) + ".dcm").normalize();
        if (!target.startsWith(root) || target.getNameCount() != root.getNameCount() + studyDirs.size() + 2) {
            // cannot happen with PathSegments' guarantees; kept as the last line of defence
            throw new DeliveryException("Refusing to write outside " + root + ": " + target, false);
        }
        return target;
    }

    private DeliveryException failure(String what, IOException e, int done) {
        boolean retryable = !(e instanceof AccessDeniedException);
        String hint = retryable ? "" : " (permission denied: give the router's user write access)";
        return new DeliveryException("Destination '" + name() + "': " + what + ": " + e + hint, retryable, done, e);
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            LOG.warn("Could not delete temporary file {}: {}", tmp, e.toString());
        }
    }

    @Override
    public HealthReport check() {
        try {
            return new DirectoryHealth(config).check();
        } catch (RuntimeException e) {
            return HealthReport.down("Health check of " + config.root() + " failed: " + e);
        }
    }

    @Override
    public void close() {
        // holds no resources between deliveries
    }

    /** Marks failures of the instance source, so they are not mistaken for write failures. */
    static final class SourceReadException extends IOException {
        private static final long serialVersionUID = 1L;

        SourceReadException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }
    }
}
