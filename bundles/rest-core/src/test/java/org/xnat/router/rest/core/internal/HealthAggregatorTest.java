package org.xnat.router.rest.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

class HealthAggregatorTest {

    private static HealthIndicator indicator(String name, java.util.function.Supplier<HealthReport> check) {
        return new HealthIndicator() {
            @Override public String name() { return name; }
            @Override public HealthReport check() { return check.get(); }
        };
    }

    @Test
    void overallIsTheWorstOfAllParts() {
        Map<String, HealthReport> reports = new HealthAggregator(1000).checkAll(List.of(
                indicator("database", () -> HealthReport.up("ok")),
                indicator("spool", () -> new HealthReport(HealthStatus.DEGRADED, "disk 91% full"))));
        assertThat(HealthAggregator.overall(reports)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(reports.get("spool").detail()).isEqualTo("disk 91% full");
    }

    @Test
    void missingDatabaseIndicatorIsReportedDown() {
        Map<String, HealthReport> reports = new HealthAggregator(1000).checkAll(List.of());
        assertThat(reports.get("database").status()).isEqualTo(HealthStatus.DOWN);
        assertThat(reports.get("database").detail()).contains("persistence");
        assertThat(HealthAggregator.overall(reports)).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void aHangingOrFailingIndicatorCannotHangTheCheck() {
        long start = System.nanoTime();
        Map<String, HealthReport> reports = new HealthAggregator(200).checkAll(List.of(
                indicator("database", () -> { sleep(5000); return HealthReport.up("late"); }),
                indicator("broken", () -> { throw new IllegalStateException("boom"); })));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(reports.get("database").status()).isEqualTo(HealthStatus.DOWN);
        assertThat(reports.get("database").detail()).contains("did not answer");
        assertThat(reports.get("broken").detail()).contains("boom");
    }

    @Test
    void aHangingIndicatorKeepsOneThreadHowEverOftenHealthIsAsked() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        HealthIndicator hanging = indicator("database", () -> {
            calls.incrementAndGet();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HealthReport.up("back");
        });
        try (HealthAggregator aggregator = new HealthAggregator(50)) {
            for (int i = 0; i < 20; i++) {
                assertThat(aggregator.checkAll(List.of(hanging)).get("database").detail()).contains("did not answer");
            }
            assertThat(calls.get()).isEqualTo(1);
            assertThat(aggregator.checksInProgress()).isEqualTo(1);
            release.countDown();
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (aggregator.checksInProgress() > 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(aggregator.checksInProgress()).isZero();
            // once it has answered, the next request asks again
            assertThat(aggregator.checkAll(List.of(hanging)).get("database").detail()).isEqualTo("back");
            assertThat(calls.get()).isEqualTo(2);
        }
    }

    @Test
    void everyRequestAsksAFastIndicatorAgain() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        HealthIndicator counting = indicator("database", () -> HealthReport.up("answer " + calls.incrementAndGet()));
        try (HealthAggregator aggregator = new HealthAggregator(1000)) {
            for (int i = 1; i <= 50; i++) {
                assertThat(aggregator.checkAll(List.of(counting)).get("database").detail()).isEqualTo("answer " + i);
            }
            assertThat(aggregator.checksInProgress()).isZero();
        }
    }

    @Test
    void uptimeIsReadable() {
        assertThat(HealthResource.uptimeText(Duration.ofSeconds(90061))).isEqualTo("1d 01h 01m 01s");
    }

    private static void sleep(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }
}
