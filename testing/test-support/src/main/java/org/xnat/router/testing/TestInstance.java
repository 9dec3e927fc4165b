package org.xnat.router.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.xnat.router.api.destination.DeliveryInstance;

/** An instance backed by a Part 10 file; optionally its stream breaks after some bytes, like a failing disk. */
public final class TestInstance implements DeliveryInstance {

    private final Path file;
    private final String sopInstanceUid;
    private final long failAfter;

    private TestInstance(Path file, String sopInstanceUid, long failAfter) {
        this.file = file;
        this.sopInstanceUid = sopInstanceUid;
        this.failAfter = failAfter;
    }

    public static TestInstance of(Path file, String sopInstanceUid) {
        return new TestInstance(file, sopInstanceUid, -1);
    }

    public static TestInstance failingAfter(Path file, String sopInstanceUid, long bytes) {
        return new TestInstance(file, sopInstanceUid, bytes);
    }

    @Override
    public String sopClassUid() {
        return "1.2.840.10008.5.1.4.1.1.2";
    }

    @Override
    public String sopInstanceUid() {
        return sopInstanceUid;
    }

    @Override
    public String transferSyntaxUid() {
        return "1.2.840.10008.1.2.1";
    }

    @Override
    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream openPart10() throws IOException {
        InputStream in = Files.newInputStream(file);
        if (failAfter < 0) {
            return in;
        }
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= failAfter) {
                    throw new IOException("simulated read failure after " + read + " bytes");
                }
                int n = super.read(b, off, (int) Math.min(len, failAfter - read));
                if (n > 0) {
                    read += n;
                }
                return n;
            }
        };
    }
}
