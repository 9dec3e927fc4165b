package org.xnat.dicom.net.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools of the network layer: daemon threads with recognisable names. */
public final class NetThreads {
    private NetThreads() {
    }

    public static ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public static ExecutorService cached(String prefix) {
        return Executors.newCachedThreadPool(factory(prefix));
    }

    public static ScheduledExecutorService scheduler(String prefix) {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, factory(prefix));
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /** Shuts a pool down, waiting briefly, then interrupting what is left. */
    public static void shutdown(ExecutorService e, long waitMillis) {
        e.shutdown();
        try {
            if (!e.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                e.shutdownNow();
                e.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException ie) {
            e.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
