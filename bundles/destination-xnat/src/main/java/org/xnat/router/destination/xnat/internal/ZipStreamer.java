package org.xnat.router.destination.xnat.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryInstance;

/**
 * Writes the instances of a delivery as one ZIP ({@code <SOPInstanceUID>.dcm} entries, in delivery order)
 * into the upload pipe, reading each instance's Part 10 stream once. Runs on its own thread while the HTTP
 * client sends what it writes; on failure it fails the pipe so the request is aborted, not completed.
 */
final class ZipStreamer implements Callable<ZipStreamer.Result> {

    /** What was written. */
    record Result(int instances, long bytes) {
    }

    /** A failure reading an instance from the router's store (as opposed to a failure of the upload). */
    static final class SourceException extends IOException {
        private static final long serialVersionUID = 1L;
        final String sopInstanceUid;

        SourceException(String sopInstanceUid, IOException cause) {
            super("could not read instance " + sopInstanceUid + " from the router's store: " + cause.getMessage(),
                    cause);
            this.sopInstanceUid = sopInstanceUid;
        }
    }

    private static final int CHUNK = 1 << 16;

    private final Delivery delivery;
    private final BoundedPipe pipe;

    ZipStreamer(Delivery delivery, BoundedPipe pipe) {
        this.delivery = delivery;
        this.pipe = pipe;
    }

    @Override
    public Result call() throws IOException {
        try {
            Result result = writeZip(pipe.output());
            pipe.closeWriter();
            return result;
        } catch (IOException | RuntimeException | Error e) {
            pipe.fail(e);
            throw e;
        }
    }

    private Result writeZip(OutputStream out) throws IOException {
        List<DeliveryInstance> instances = delivery.instances();
        Set<String> names = new HashSet<>();
        byte[] buffer = new byte[CHUNK];
        int done = 0;
        long bytes = 0;
        // ZipOutputStream.close() would close the pipe as if the ZIP were complete; finish() instead
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED); // DICOM compresses little; the network, not the CPU, should be the limit
        for (DeliveryInstance instance : instances) {
            zip.putNextEntry(new ZipEntry(entryName(instance.sopInstanceUid(), names)));
            InputStream source;
            try {
                source = instance.openPart10();
            } catch (IOException e) {
                throw new SourceException(instance.sopInstanceUid(), e);
            }
            // only failures of the source are SourceExceptions; a failing write is the upload's failure
            try (InputStream in = source) {
                int n;
                while ((n = read(in, buffer, instance)) >= 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("upload cancelled");
                    }
                    zip.write(buffer, 0, n);
                    bytes += n;
                }
            }
            zip.closeEntry();
            done++;
            delivery.progress(done, bytes);
        }
        zip.finish();
        zip.flush();
        return new Result(done, bytes);
    }

    private static int read(InputStream in, byte[] buffer, DeliveryInstance instance) throws IOException {
        try {
            return in.read(buffer);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new SourceException(instance.sopInstanceUid(), e);
        }
    }

    /** {@code <SOPInstanceUID>.dcm}, made a plain file name; a repeated name gets {@code -2}, {@code -3}... */
    static String entryName(String sopInstanceUid, Set<String> used) {
        String base = sopInstanceUid == null || sopInstanceUid.isBlank() ? "instance"
                : sopInstanceUid.strip().replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        String name = base + ".dcm";
        for (int i = 2; !used.add(name); i++) {
            name = base + "-" + i + ".dcm";
        }
        return name;
    }
}
