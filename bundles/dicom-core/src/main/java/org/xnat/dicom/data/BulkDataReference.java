package org.xnat.dicom.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A value that was not loaded into memory: {@code length} bytes at {@code offset} of the resource at
 * {@code uri} (a {@code file:} URI for values left in a file being read, or a DICOMweb BulkDataURI). The bytes
 * are in the byte order of the transfer syntax they were read from ({@code bigEndian}).
 *
 * <pre>{@code try (InputStream in = ref.openStream()) { in.transferTo(out); }}</pre>
 */
public record BulkDataReference(String uri, long offset, long length, boolean bigEndian) {

    public static BulkDataReference ofFile(Path file, long offset, long length, boolean bigEndian) {
        return new BulkDataReference(file.toUri().toString(), offset, length, bigEndian);
    }

    /** The file of a {@code file:} URI. */
    public Path path() {
        return Path.of(URI.create(uri));
    }

    /** Opens the referenced bytes; only {@code file:} URIs are supported here. */
    public InputStream openStream() throws IOException {
        if (!uri.startsWith("file:")) {
            throw new IOException("Cannot open bulk data " + uri + ": only file: URIs are supported");
        }
        FileChannel ch = FileChannel.open(path(), StandardOpenOption.READ);
        ch.position(offset);
        InputStream in = Channels.newInputStream(ch);
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
