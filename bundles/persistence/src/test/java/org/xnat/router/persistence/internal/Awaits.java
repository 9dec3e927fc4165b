package org.xnat.router.persistence.internal;

import java.time.Duration;
import java.util.function.Predicate;

import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

/** Polling helpers for the background database thread. */
final class Awaits {

    private Awaits() {
    }

    static HealthReport health(RouterDatabase database, Predicate<HealthReport> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HealthReport last = database.health();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("database health still " + last + " after " + timeout);
            }
            Thread.sleep(100);
            last = database.health();
        }
        return last;
    }

    static HealthReport up(RouterDatabase database) throws InterruptedException {
        return health(database, r -> r.status() == HealthStatus.UP, Duration.ofSeconds(120));
    }

    /** DOWN with a reason (not the initial "starting" state). */
    static HealthReport downWithReason(RouterDatabase database) throws InterruptedException {
        return health(database, r -> r.status() == HealthStatus.DOWN && !r.detail().startsWith("starting"),
                Duration.ofSeconds(60));
    }

    static DatabaseSettings fastRetry(DatabaseSettings settings) {
        return settings.withRetry(Duration.ofMillis(200), Duration.ofSeconds(1));
    }
}
