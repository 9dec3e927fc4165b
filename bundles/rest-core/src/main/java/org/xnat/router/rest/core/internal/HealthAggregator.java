package org.xnat.router.rest.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

/**
 * Asks every indicator in parallel, each with a deadline, so one hanging part (an unreachable
 * database behind a firewall that drops packets) cannot make the health endpoint hang.
 *
 * <p>A check still running from an earlier request is joined rather than started again: while a part
 * hangs, load balancers polling {@code /api/health} would otherwise pile up one blocked thread per poll.
 * So at most one thread per indicator is ever busy, on this aggregator's own executor.
 */
final class HealthAggregator implements AutoCloseable {

    /** The indicator the contract names explicitly; missing means persistence is not up. */
    static final String DATABASE = "database";

    private final long timeoutMillis;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "router-health-check");
        t.setDaemon(true);
        return t;
    });
    private final Map<HealthIndicator, CompletableFuture<HealthReport>> running = new ConcurrentHashMap<>();

    HealthAggregator(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** The check of {@code indicator} in progress, or a new one. */
    private CompletableFuture<HealthReport> check(HealthIndicator indicator) {
        CompletableFuture<HealthReport> f = running.computeIfAbsent(indicator,
                i -> CompletableFuture.supplyAsync(i::check, executor));
        // registered outside computeIfAbsent: a check that is already done runs this at once, and a map may not
        // be changed from inside its own computeIfAbsent (the finished check would stay cached for ever)
        f.whenComplete((report, failure) -> running.remove(indicator, f));
        return f;
    }

    /** Threads busy with checks right now (for tests). */
    int checksInProgress() {
        return running.size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    Map<String, HealthReport> checkAll(List<HealthIndicator> indicators) {
        List<HealthIndicator> sorted = new ArrayList<>(indicators);
        sorted.sort(Comparator.comparing(HealthIndicator::name));
        Map<String, CompletableFuture<HealthReport>> pending = new LinkedHashMap<>();
        for (HealthIndicator indicator : sorted) {
            pending.putIfAbsent(indicator.name(), check(indicator));
        }
        Map<String, HealthReport> reports = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Map.Entry<String, CompletableFuture<HealthReport>> e : pending.entrySet()) {
            reports.put(e.getKey(), await(e.getKey(), e.getValue(), deadline));
        }
        reports.putIfAbsent(DATABASE, HealthReport.down("the persistence bundle has not registered a database"
                + " health indicator yet (starting, or its bundle is not active: see router:health / bundle:list)"));
        return reports;
    }

    static HealthStatus overall(Map<String, HealthReport> reports) {
        HealthStatus status = HealthStatus.UP;
        for (HealthReport report : reports.values()) {
            status = status.worst(report.status());
        }
        return status;
    }

    private static HealthReport await(String name, CompletableFuture<HealthReport> future, long deadline) {
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            HealthReport report = future.get(left, TimeUnit.NANOSECONDS);
            return report != null ? report : HealthReport.down(name + " returned no report");
        } catch (TimeoutException e) {
            // not cancelled: the next request joins this check instead of starting another
            return HealthReport.down(name + " did not answer within the health check deadline");
        } catch (ExecutionException e) {
            return HealthReport.down(name + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthReport.down("interrupted");
        }
    }
}
