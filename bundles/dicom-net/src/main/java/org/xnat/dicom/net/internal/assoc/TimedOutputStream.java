package org.xnat.dicom.net.internal.assoc;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Socket writes have no timeout in Java: each write arms a watchdog that closes the socket if
 * the write has not returned in time (a peer that stopped reading), which unblocks the writer.
 */
final class TimedOutputStream extends FilterOutputStream {
    private final ScheduledExecutorService scheduler;
    private final long timeoutMillis;
    private final Runnable onTimeout;

    TimedOutputStream(OutputStream out, ScheduledExecutorService scheduler, long timeoutMillis, Runnable onTimeout) {
        super(out);
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
        this.onTimeout = onTimeout;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ScheduledFuture<?> watchdog = scheduler.schedule(onTimeout, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            out.write(b, off, len);
        } finally {
            watchdog.cancel(false);
        }
    }
}
