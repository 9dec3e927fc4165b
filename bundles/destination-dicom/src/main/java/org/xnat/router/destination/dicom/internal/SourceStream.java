package org.xnat.router.destination.dicom.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * An instance's Part 10 stream from the router's store. Read failures are marked, so that a failing store is
 * not taken for a failing network (the toolkit reports both as a failed send), and the bytes read are counted.
 */
final class SourceStream extends FilterInputStream {

    private long count;

    /** The router's store could not be read. */
    static final class ReadException extends IOException {
        private static final long serialVersionUID = 1L;

        ReadException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    SourceStream(InputStream in) {
        super(in);
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        } catch (InterruptedIOException | ReadException e) {
            throw e;
        } catch (IOException e) {
            throw new ReadException(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            long s = super.skip(n);
            count += Math.max(0, s);
            return s;
        } catch (IOException e) {
            throw new ReadException(e);
        }
    }
}
