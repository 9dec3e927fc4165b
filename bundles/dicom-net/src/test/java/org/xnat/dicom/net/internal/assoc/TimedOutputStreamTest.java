package org.xnat.dicom.net.internal.assoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimedOutputStreamTest {
    /** Counts the tasks scheduled on it. */
    private static final class CountingScheduler extends ScheduledThreadPoolExecutor {
        final AtomicInteger scheduled = new AtomicInteger();

        CountingScheduler() {
            super(1);
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            scheduled.incrementAndGet();
            return super.schedule(command, delay, unit);
        }
    }

    /** A sink whose writes block until released (a peer that stopped reading). */
    private static final class StallingStream extends OutputStream {
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean stall;

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (stall) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private final CountingScheduler scheduler = new CountingScheduler();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void manyQuickWritesNeitherTimeOutNorScheduleATaskEach() throws Exception {
        AtomicInteger timeouts = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                written.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written.addAndGet(len);
            }
        };
        TimedOutputStream out = new TimedOutputStream(sink, scheduler, 200, timeouts::incrementAndGet);
        byte[] pdu = new byte[64];
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        // Bounded so that the byte count cannot overflow.
        int writes = 0;
        while (System.nanoTime() < end && writes < 10_000_000) {
            out.write(pdu, 0, pdu.length);
            writes++;
        }
        assertThat(written).hasValue(writes * pdu.length);
        assertThat(timeouts).hasValue(0);
        // 500 ms of writes with a 200 ms timeout: a handful of checks, not one per write.
        assertThat(writes).isGreaterThan(1000);
        assertThat(scheduler.scheduled.get()).isLessThan(20);
    }

    @Test
    void aStalledWriteTimesOutAfterAnIdlePeriod() throws Exception {
        CountDownLatch timedOut = new CountDownLatch(1);
        StallingStream sink = new StallingStream();
        TimedOutputStream out = new TimedOutputStream(sink, scheduler, 150, () -> {
            timedOut.countDown();
            sink.release.countDown(); // as closing the socket unblocks the writer
        });
        out.write(new byte[8], 0, 8);
        // Idle longer than the timeout: the watchdog disarms and nothing stays queued.
        Thread.sleep(400);
        assertThat(timedOut.getCount()).isEqualTo(1);
        assertThat(scheduler.getQueue()).isEmpty();

        sink.stall = true;
        long start = System.nanoTime();
        out.write(new byte[8], 0, 8);
        long blockedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(timedOut.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(blockedMillis).isBetween(140L, 5000L);
    }

    @Test
    void aWriteThatStallsWhileTheWatchdogIsArmedTimesOutAtItsOwnDeadline() throws Exception {
        CountDownLatch timedOut = new CountDownLatch(1);
        StallingStream sink = new StallingStream();
        TimedOutputStream out = new TimedOutputStream(sink, scheduler, 300, () -> {
            timedOut.countDown();
            sink.release.countDown();
        });
        out.write(new byte[8], 0, 8); // arms the check for ~300 ms from now
        Thread.sleep(200);
        sink.stall = true;
        long start = System.nanoTime();
        out.write(new byte[8], 0, 8); // due ~300 ms from here, not at the first check
        long blockedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(timedOut.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(blockedMillis).isBetween(290L, 5000L);
    }
}
