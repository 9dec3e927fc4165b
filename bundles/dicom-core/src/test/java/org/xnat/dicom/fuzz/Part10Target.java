package org.xnat.dicom.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.io.DicomParseException;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.ReadOptions;

/**
 * What the Part 10 fuzzer exercises with one input, and how an outcome is judged. An input is read three ways:
 * whole from a stream of unknown length (as from a socket), header only ({@code stopBeforePixelData}) with the
 * pixel data then skipped or streamed to a writer and the rest read on, and (optionally) from a file with a bulk
 * data threshold. Every dataset read is also rendered ({@link Attributes#toString()} decodes every text value
 * with its character set).
 *
 * <p>Allowed outcomes: success, or one of {@link #ALLOWED} (the toolkit's own "bad input" exception). Anything
 * else, a {@link RuntimeException} or an {@link Error} such as OutOfMemoryError or StackOverflowError, is a
 * crasher; a read that does not end within the time limit is a hang.
 */
final class Part10Target {

    /** The exceptions a reader may end with on bad input. */
    static final List<Class<? extends Throwable>> ALLOWED = List.of(DicomParseException.class);

    enum Verdict { PARSED, REJECTED, CRASH, HANG }

    record Outcome(Verdict verdict, Throwable error) {
        String describe() {
            return error == null ? verdict.toString() : verdict + ": " + error;
        }
    }

    private Part10Target() {
    }

    /** Reads {@code input} every way; {@code file} (may be null) is scratch space for the file-based read. */
    static void read(byte[] input, Path file) throws IOException {
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(input))) {
            render(r.readDataset());
        }
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(input),
                ReadOptions.defaults().stopBeforePixelData(true))) {
            render(r.readDataset());
            if (r.atPixelData()) {
                if ((input.length & 1) == 0) {
                    r.skipPixelData();
                } else {
                    try (DicomWriter w = new DicomWriter(OutputStream.nullOutputStream())) {
                        w.setTransferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                        r.transferPixelData(w);
                    }
                }
                render(r.readDataset());
            }
        }
        if (file != null) {
            Files.write(file, input);
            try (DicomReader r = DicomReader.open(file, ReadOptions.defaults().bulkDataThreshold(256))) {
                render(r.readDataset());
            }
        }
    }

    private static void render(Attributes ds) {
        if (ds.toString() == null) {
            throw new AssertionError("no rendering");
        }
    }

    /** Runs {@link #read} on {@code worker} within {@code timeoutMillis} and judges the outcome. */
    static Outcome run(ExecutorService worker, byte[] input, Path file, long timeoutMillis) {
        Future<?> f = worker.submit(() -> {
            read(input, file);
            return null;
        });
        try {
            f.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return new Outcome(Verdict.PARSED, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(Verdict.HANG, new TimeoutException("no result within " + timeoutMillis + " ms"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            for (Class<? extends Throwable> ok : ALLOWED) {
                if (ok.isInstance(cause)) {
                    return new Outcome(Verdict.REJECTED, cause);
                }
            }
            return new Outcome(Verdict.CRASH, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "part10-fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }
}
