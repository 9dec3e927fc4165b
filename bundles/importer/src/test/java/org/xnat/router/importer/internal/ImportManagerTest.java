package org.xnat.router.importer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.filter.RouteContext;
import org.xnat.router.importer.ImportJob;
import org.xnat.router.importer.ImportRequest;
import org.xnat.router.routing.Ingest;
import org.xnat.router.routing.IngestResult;
import org.xnat.router.routing.RoutingStatus;
import org.xnat.router.testing.Pydicom;

/**
 * Request checks, the job pool's bound and cancellation. The ingest here blocks on a latch so that the test
 * controls when a file is "durably taken"; the real engine is in {@link ImportJobTest}.
 */
class ImportManagerTest {

    @TempDir
    Path dir;

    /** Takes every instance after {@code gate} opens; counts calls. */
    static final class GatedIngest implements Ingest {
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public IngestResult ingest(InputStream part10, RouteContext context) {
            return take(context);
        }

        @Override
        public IngestResult ingest(String sopClassUid, String sopInstanceUid, String ts, InputStream dataset,
                RouteContext context) {
            return take(context);
        }

        private IngestResult take(RouteContext context) {
            assertThat(context.source()).isEqualTo("import");
            calls.incrementAndGet();
            entered.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new IngestResult(IngestResult.Outcome.ROUTED, calls.get(), "1.2", "1.2.3", List.of("x"), "");
        }
    }

    static RoutingStatus routes() {
        return new RoutingStatus() {
            @Override
            public List<RouteStatus> routes() {
                return List.of(new RouteStatus("ROUTER", 11112, true, true, "", List.of("x")),
                        new RouteStatus("OFF", 11113, false, false, "", List.of()));
            }

            @Override
            public List<DestinationStatus> destinations() {
                return List.of();
            }

            @Override
            public org.xnat.router.api.health.HealthReport echo(String destination) {
                throw new IllegalArgumentException(destination);
            }
        };
    }

    private Path dicomFiles(String name, int n) throws Exception {
        Pydicom.assumeAvailable();
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        for (int i = 0; i < n; i++) {
            Files.copy(Pydicom.corpus("CT_small.dcm"), d.resolve("f" + i + ".dcm"));
        }
        return d;
    }

    private static ImportSettings settings(int concurrent, List<Path> roots, List<Path> excluded) {
        return new ImportSettings(concurrent, 5, 100, 50, 1000, roots, excluded, Duration.ofSeconds(30));
    }

    @Test
    void refusesBadRequestsNamingTheField() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path data = Files.createDirectories(allowed.resolve("data"));
        try (ImportManager m = new ImportManager(new GatedIngest(), routes(),
                settings(1, List.of(FileScanner.real(allowed)), List.of(FileScanner.real(data))), j -> { })) {
            assertField(() -> m.start(request(Path.of("relative/dir"), "ROUTER")), "path", "absolute");
            assertField(() -> m.start(request(dir.resolve("missing"), "ROUTER")), "path", "not an existing directory");
            assertField(() -> m.start(request(elsewhere, "ROUTER")), "path", "allowed only from");
            assertField(() -> m.scan(Path.of("/etc"), false), "path", "allowed only from");
            assertField(() -> m.start(request(data.resolve("."), "ROUTER")), "path", "data directory");
            assertField(() -> m.start(request(allowed, "NOPE")), "route", "no route with AE title 'NOPE'");
            assertField(() -> m.start(request(allowed, "off")), "route", "disabled");
            assertThat(m.jobs()).isEmpty();
            assertThat(m.start(request(allowed, "router")).request().routeAeTitle()).isEqualTo("ROUTER");
        }
    }

    @Test
    void runsAtMostTheConfiguredJobsAndCancelsAfterTheCurrentFile() throws Exception {
        Path one = dicomFiles("one", 3);
        Path two = dicomFiles("two", 1);
        GatedIngest ingest = new GatedIngest();
        try (ImportManager m = new ImportManager(ingest, routes(), settings(1, List.of(), List.of()), j -> { })) {
            ImportJob first = m.start(request(one, "ROUTER"));
            assertThat(ingest.entered.await(30, TimeUnit.SECONDS)).isTrue();
            ImportJob second = m.start(request(two, "ROUTER"));
            Thread.sleep(300);
            assertThat(m.job(second.id()).orElseThrow()).as("waits for the only job slot")
                    .extracting(ImportJob::state, ImportJob::filesTotal).containsExactly(ImportJob.State.SCANNING, 0L);
            assertThat(m.job(first.id()).orElseThrow().state()).isEqualTo(ImportJob.State.RUNNING);

            assertThat(m.cancel(first.id())).isTrue();
            ingest.gate.countDown();
            ImportJob cancelled = ImportJobTest.await(m, first.id());
            assertThat(cancelled.state()).isEqualTo(ImportJob.State.CANCELLED);
            assertThat(cancelled.filesTotal()).isEqualTo(3);
            assertThat(cancelled.imported()).as("the file being ingested finished, no other started").isEqualTo(1);
            assertThat(m.cancel(first.id())).as("finished jobs cannot be cancelled").isFalse();
            assertThat(m.cancel("no-such-job")).isFalse();

            ImportJob done = ImportJobTest.await(m, second.id());
            assertThat(done.state()).isEqualTo(ImportJob.State.DONE);
            assertThat(done.imported()).isEqualTo(1);
            assertThat(m.jobs()).extracting(ImportJob::id).containsExactly(second.id(), first.id());
            assertThat(ingest.calls.get()).isEqualTo(2);
        }
    }

    private static ImportRequest request(Path p, String route) {
        return new ImportRequest(p, route, true, false, false, "test");
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field,
            String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImportRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
