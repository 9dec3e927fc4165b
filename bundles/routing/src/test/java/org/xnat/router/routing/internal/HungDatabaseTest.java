package org.xnat.router.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

/**
 * A hung PostgreSQL (SIGSTOP on the server and all its processes: the kernel accepts connections, nothing answers)
 * or a dead one never makes a sender wait beyond the configured bounds: the C-STORE gets A700 (never a success),
 * nothing of it stays recorded or spooled, delivery workers and maintenance neither die nor spin meanwhile, and
 * the next store after the database is back succeeds and is delivered. The engine runs on a pool configured like the
 * persistence bundle's, with small timeouts.
 */
class HungDatabaseTest {

    private static final String CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration SOCKET = Duration.ofSeconds(30); // longer than the store bound: the store timeout must act
    private static final Duration CONNECTION_WAIT = Duration.ofSeconds(2);
    private static final Duration STORE = Duration.ofSeconds(2);
    /** The worst case of a store: waiting for a connection (validations of dead ones included), then one read. */
    private static final double STORE_BOUND_SECONDS = 1.5 * CONNECTION_WAIT.toSeconds() + STORE.toSeconds();

    @TempDir
    static Path dir;
    static TestDatabase db;
    static DataSource pool;

    @BeforeAll
    static void database() throws Exception {
        Peers.assumeTool("storescu");
        db = TestDatabase.start(dir.resolve("pg"));
        pool = db.boundedPool(CONNECT, SOCKET, CONNECTION_WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void clean() throws Exception {
        if (!db.isRunning()) {
            db.start();
        }
        db.truncate();
    }

    private static String yaml(int port, Path files) {
        return """
                destinations:
                  files:
                    type: file
                    path: %s
                routes:
                  - ae_title: ROUTER
                    port: %d
                    destinations: [files]
                """.formatted(files, port);
    }

    private static Engines.Started engine(String name, int port, Path files) throws Exception {
        EngineSettings settings = Engines.settings(dir.resolve("spool-" + name), name).withStoreTimeout(STORE);
        return Engines.start(pool, settings, yaml(port, files));
    }

    @Test
    void aHungDatabaseAnswersA700WithinTheBoundAndTheRouterResumes() throws Exception {
        int port = Peers.freePort();
        Path files = dir.resolve("files-hung");
        Path before = Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("hung/before.dcm"),
                "1.2.826.0.1.3680043.10.543.11.1", null);
        Path during = Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("hung/during.dcm"),
                "1.2.826.0.1.3680043.10.543.11.2", null);
        Path other = Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("hung/other.dcm"),
                "1.2.826.0.1.3680043.10.543.11.3", null);
        try (Engines.Started s = engine("hung", port, files)) {
            assertThat(store(port, before).status()).isZero();
            Peers.await(() -> count(files) == 1, 30_000, "the first instance delivered");

            long cpuBefore = processCpuNanos();
            long hangStart = System.nanoTime();
            List<ProcessHandle> frozen = db.freeze();
            try {
                long start = System.nanoTime();
                DimseResponse refused = store(port, during);
                double took = seconds(start);
                System.out.printf("hung database: A700 after %.1f s%n", took);
                assertThat(refused.status()).as("never a success").isEqualTo(0xA700);
                assertThat(refused.errorComment()).contains("database unavailable");
                assertThat(took).as("answered within 3 x the bound of %s s", STORE_BOUND_SECONDS)
                        .isLessThan(3 * STORE_BOUND_SECONDS);

                // a real sender too, on a second association
                start = System.nanoTime();
                assertThat(AckAfterDurableTest.responses(Peers.storescu("ROUTER", port, List.of(other))))
                        .containsExactly("Refused: OutOfResources");
                assertThat(seconds(start)).isLessThan(3 * STORE_BOUND_SECONDS);
                assertThat(s.engine().spool().list()).as("refused instances leave no spool file").hasSize(1);

                // delivery workers (polling every 100 ms) and maintenance (every 200 ms) keep running against the
                // hung database: they must wait on their timeouts, not spin
                Thread.sleep(4_000);
                double cpu = (processCpuNanos() - cpuBefore) / 1e9;
                double wall = seconds(hangStart);
                System.out.printf("hang of %.1f s: %.2f CPU s%n", wall, cpu);
                assertThat(cpu).as("CPU seconds used in %s s of hang", wall).isLessThan(0.5 * wall);
            } finally {
                PostgresProcesses.thaw(frozen);
            }

            Peers.await(() -> storeStatus(port, during) == 0, 60_000, "a store to succeed once the database runs again");
            assertThat(store(port, other).status()).isZero();
            Peers.await(() -> count(files) == 3, 30_000, "the workers to deliver what came after the hang");
            HealthReport health = awaitHealth(s.engine());
            assertThat(health.detail()).doesNotContain("maintenance failed");
            // nothing half-recorded: exactly the three acknowledged instances
            assertThat(db.count("SELECT count(*) FROM spool_files")).isEqualTo(3);
            assertThat(db.count("SELECT count(*) FROM transfer_instances")).isEqualTo(3);
            assertThat(db.count("SELECT count(*) FROM spool_files WHERE sop_instance_uid = ?",
                    "1.2.826.0.1.3680043.10.543.11.2")).isEqualTo(1);
            assertThat(s.engine().spool().list()).hasSize(3);
        }
    }

    @Test
    void aDeadDatabaseAnswersA700WithinTheConnectionWait() throws Exception {
        int port = Peers.freePort();
        Path files = dir.resolve("files-dead");
        Path first = Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("dead/first.dcm"),
                "1.2.826.0.1.3680043.10.543.12.1", null);
        Path second = Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("dead/second.dcm"),
                "1.2.826.0.1.3680043.10.543.12.2", null);
        try (Engines.Started s = engine("dead", port, files)) {
            assertThat(store(port, first).status()).isZero();
            db.stop();
            try {
                Thread.sleep(600); // pooled connections are then checked before use, as after any pause
                long start = System.nanoTime();
                DimseResponse refused = store(port, second);
                double took = seconds(start);
                System.out.printf("dead database: A700 after %.1f s%n", took);
                assertThat(refused.status()).isEqualTo(0xA700);
                assertThat(took).as("a refused connection fails after the connection wait, not the default 10 s")
                        .isLessThan(3 * CONNECTION_WAIT.toSeconds());
                assertThat(s.engine().spool().list()).hasSize(1);
            } finally {
                db.start();
            }
            Peers.await(() -> storeStatus(port, second) == 0, 60_000, "a store to succeed once the database is back");
            Peers.await(() -> count(files) == 2, 30_000, "both instances delivered");
            assertThat(db.count("SELECT count(*) FROM spool_files")).isEqualTo(2);
        }
    }

    private static DimseResponse store(int port, Path file) throws Exception {
        try (DicomClient client = new DicomClient(ConnectionOptions.defaults());
             ScuAssociation as = client.connect("127.0.0.1", port, AssociationRequest.builder("SENDER", "ROUTER")
                     .addPresentationContext(CT_STORAGE, EXPLICIT_LE).build())) {
            return as.store(file);
        }
    }

    private static int storeStatus(int port, Path file) {
        try {
            return store(port, file).status();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HealthReport awaitHealth(RoutingEngine engine) throws InterruptedException {
        HealthReport[] last = new HealthReport[1];
        Peers.await(() -> {
            last[0] = engine.health();
            return last[0].status() == HealthStatus.UP;
        }, 30_000, "routing health UP");
        return last[0];
    }

    private static long count(Path files) {
        try {
            return Peers.files(files).size();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
