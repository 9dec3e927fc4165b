package org.xnat.dicom.net.internal.assoc;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Socket writes have no timeout in Java: a watchdog closes the socket when a write has not returned
 * in time (a peer that stopped reading), which unblocks the writer.
 *
 * <p>The watchdog is not one scheduled task per write: scheduling and cancelling a task per PDU (and
 * waking the timer thread each time its queue was empty) cost more than the write of a small C-STORE
 * response itself. Instead each write only records when it started; one check task, armed by the
 * first write after an idle period, looks at the write in progress, reschedules itself for that
 * write's deadline, and disarms when no write is in progress. An idle association holds no task.
 */
final class TimedOutputStream extends FilterOutputStream {
    /** No write in progress. */
    private static final long IDLE = 0;

    private final ScheduledExecutorService scheduler;
    private final long timeoutNanos;
    private final Runnable onTimeout;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile long writeStartedNanos = IDLE;

    TimedOutputStream(OutputStream out, ScheduledExecutorService scheduler, long timeoutMillis, Runnable onTimeout) {
        super(out);
        this.scheduler = scheduler;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.onTimeout = onTimeout;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        long now = System.nanoTime();
        // The start must be visible before the armed flag is read (both volatile): a check that
        // disarms concurrently then sees this write and re-arms (see check()).
        writeStartedNanos = now == IDLE ? 1 : now;
        if (!armed.get()) {
            arm(timeoutNanos);
        }
        try {
            out.write(b, off, len);
        } finally {
            writeStartedNanos = IDLE;
        }
    }

    private void arm(long delayNanos) {
        if (armed.compareAndSet(false, true)) {
            schedule(delayNanos);
        }
    }

    private void schedule(long delayNanos) {
        try {
            scheduler.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            // The owner is shutting down and closes its sockets itself.
            armed.set(false);
        }
    }

    private void check() {
        long started = writeStartedNanos;
        if (started != IDLE) {
            long overdue = System.nanoTime() - started - timeoutNanos;
            if (overdue >= 0) {
                armed.set(false);
                onTimeout.run();
            } else {
                schedule(-overdue);
            }
            return;
        }
        armed.set(false);
        // A write may have started after the read above but seen the flag still set.
        if (writeStartedNanos != IDLE) {
            arm(timeoutNanos);
        }
    }
}
