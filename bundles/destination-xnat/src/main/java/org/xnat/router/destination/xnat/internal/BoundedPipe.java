package org.xnat.router.destination.xnat.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A byte pipe with a fixed buffer between the thread that writes the ZIP and the HTTP client that reads
 * the request body, so a study is never held in memory whole. Unlike {@link java.io.PipedInputStream} it
 * does not care which threads read (the HTTP client reads from its own pool), and every wait has a limit:
 * a side that stalls longer than {@code stall} makes the other side fail instead of hanging. Either side
 * can end the transfer: {@link #fail} makes the reader throw (the HTTP request is then aborted, so XNAT
 * never sees a truncated ZIP as complete), {@link #closeReader} makes a blocked writer throw.
 */
final class BoundedPipe {

    private final byte[] buffer;
    private final long stallNanos;
    private int head;
    private int count;
    private boolean writerClosed;
    private boolean readerClosed;
    private Throwable failure;

    BoundedPipe(int capacity, Duration stall) {
        this.buffer = new byte[capacity];
        this.stallNanos = stall.toNanos();
    }

    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                BoundedPipe.this.write(b, off, len);
            }

            @Override
            public void close() {
                closeWriter();
            }
        };
    }

    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return BoundedPipe.this.read(b, off, len);
            }

            @Override
            public void close() {
                closeReader();
            }
        };
    }

    private synchronized void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            long deadline = System.nanoTime() + stallNanos;
            while (count == buffer.length && !readerClosed) {
                awaitUntil(deadline, "XNAT stopped reading the upload");
            }
            if (readerClosed) {
                throw new IOException("the upload was ended by the HTTP side");
            }
            int tail = (head + count) % buffer.length;
            int n = Math.min(len, Math.min(buffer.length - count, buffer.length - tail));
            System.arraycopy(b, off, buffer, tail, n);
            count += n;
            off += n;
            len -= n;
            notifyAll();
        }
    }

    private synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long deadline = System.nanoTime() + stallNanos;
        while (count == 0 && !writerClosed && failure == null && !readerClosed) {
            awaitUntil(deadline, "no ZIP data was produced");
        }
        if (failure != null) {
            throw new IOException("writing the ZIP failed: " + failure.getMessage(), failure);
        }
        if (readerClosed) {
            throw new IOException("pipe closed");
        }
        if (count == 0) {
            return -1; // writer closed and everything read
        }
        int n = Math.min(len, Math.min(count, buffer.length - head));
        System.arraycopy(buffer, head, b, off, n);
        head = (head + n) % buffer.length;
        count -= n;
        notifyAll();
        return n;
    }

    private void awaitUntil(long deadline, String what) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IOException(what + " for " + Duration.ofNanos(stallNanos).toSeconds() + " s (timeout)");
        }
        try {
            wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming the upload");
        }
    }

    /** The ZIP is complete: the reader sees the end of the stream once it has read everything. */
    synchronized void closeWriter() {
        writerClosed = true;
        notifyAll();
    }

    /** Producing the ZIP failed: the reader's next read throws, which aborts the HTTP request. */
    synchronized void fail(Throwable cause) {
        if (failure == null && !writerClosed) {
            failure = cause;
        }
        notifyAll();
    }

    /** The HTTP side is done (answered or failed): a writer still writing gets an exception instead of blocking. */
    synchronized void closeReader() {
        readerClosed = true;
        notifyAll();
    }
}
