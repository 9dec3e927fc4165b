package org.xnat.router.rest.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

/**
 * Asks every indicator in parallel, each with a deadline, so one hanging part (an unreachable
 * database behind a firewall that drops packets) cannot make the health endpoint hang.
 */
final class HealthAggregator {

    /** The indicator the contract names explicitly; missing means persistence is not up. */
    static final String DATABASE = "database";

    private final long timeoutMillis;

    HealthAggregator(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    Map<String, HealthReport> checkAll(List<HealthIndicator> indicators) {
        List<HealthIndicator> sorted = new ArrayList<>(indicators);
        sorted.sort(Comparator.comparing(HealthIndicator::name));
        Map<String, CompletableFuture<HealthReport>> pending = new LinkedHashMap<>();
        for (HealthIndicator indicator : sorted) {
            pending.putIfAbsent(indicator.name(), CompletableFuture.supplyAsync(indicator::check));
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
            future.cancel(true);
            return HealthReport.down(name + " did not answer within the health check deadline");
        } catch (ExecutionException e) {
            return HealthReport.down(name + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthReport.down("interrupted");
        }
    }
}
