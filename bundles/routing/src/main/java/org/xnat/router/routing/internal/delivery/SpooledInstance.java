package org.xnat.router.routing.internal.delivery;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.xnat.dicom.io.Transcoder;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingContext;
import org.xnat.router.api.processor.ProcessingException;

/**
 * An instance of a delivery, read from the spool. Without processors the spooled file is streamed as is;
 * with processors (tag modifications) each {@link #openPart10()} rewrites the header from the spooled original
 * into a temporary file, streaming the pixel data, and the temporary file goes away when the stream is closed.
 */
final class SpooledInstance implements DeliveryInstance {

    private final QueueRow row;
    private final Path file;
    private final Path workDirectory;
    private final DatasetProcessor processor;
    private final ProcessingContext context;

    SpooledInstance(QueueRow row, Path file, Path workDirectory, DatasetProcessor processor, ProcessingContext context) {
        this.row = row;
        this.file = file;
        this.workDirectory = workDirectory;
        this.processor = processor;
        this.context = context;
    }

    QueueRow row() {
        return row;
    }

    @Override
    public String sopClassUid() {
        return row.sopClassUid();
    }

    @Override
    public String sopInstanceUid() {
        return row.sopInstanceUid();
    }

    @Override
    public String transferSyntaxUid() {
        return row.transferSyntaxUid();
    }

    @Override
    public long size() {
        return processor == null ? row.size() : -1;
    }

    @Override
    public InputStream openPart10() throws IOException {
        if (processor == null) {
            return Files.newInputStream(file);
        }
        Path tmp = Files.createTempFile(workDirectory, "processed-", ".dcm");
        try {
            try (InputStream in = Files.newInputStream(file);
                 OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                Transcoder.transcode(in, out, null, header -> {
                    try {
                        processor.process(header, context);
                    } catch (ProcessingException e) {
                        throw new UncheckedIOException(new IOException("processing instance " + row.sopInstanceUid()
                                + " failed: " + e.getMessage(), e));
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            InputStream in = Files.newInputStream(tmp);
            return new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
