package org.xnat.router.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.router.api.destination.DestinationFactory;
import org.xnat.router.api.health.HealthStatus;
import org.xnat.router.destination.file.internal.FileDestinationFactory;
import org.xnat.router.routing.RoutingStatus.RouteStatus;
import org.xnat.router.routing.TransferQuery;
import org.xnat.router.routing.TransferSummary;
import org.xnat.router.routing.internal.tracking.TransferEvents;

/**
 * {@link RoutingEngine#reconfigure} with real associations (dcmtk storescu and the toolkit's SCU), a real
 * PostgreSQL and the real file destination: every kind of change takes effect for the next association or
 * instance, and what did not change is not disturbed.
 */
class LiveReconfigurationTest {

    private static final String CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String VERIFICATION = "1.2.840.10008.1.1";
    private static final AtomicInteger UIDS = new AtomicInteger();

    @TempDir
    static Path dir;
    static TestDatabase db;

    @BeforeAll
    static void database() throws Exception {
        Peers.assumeTool("storescu");
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @BeforeEach
    void empty() throws Exception {
        db.truncate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** A route ROUTER on {@code port} to one file destination writing under {@code files}. */
    private static String oneRoute(String ae, int port, Path files, String routeExtra) {
        return oneRoute("files", ae, port, files, routeExtra);
    }

    private static String oneRoute(String destination, String ae, int port, Path files, String routeExtra) {
        return """
                destinations:
                  %s:
                    type: file
                    path: %s
                routes:
                  - ae_title: %s
                    port: %d
                    study_timeout_seconds: 1
                    destinations: [%s]
                %s""".formatted(destination, files, ae, port, destination, routeExtra);
    }

    /** A CT instance with a fresh SOP Instance UID in its own study (so every file lands apart). */
    private static Path ct(String name) throws IOException {
        int n = UIDS.incrementAndGet();
        return Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("in/" + name + n + ".dcm"),
                "1.2.826.0.1.3680043.10.543.77." + n, "1.2.826.0.1.3680043.10.543.78." + n);
    }

    private static List<String> send(String ae, int port, Path file) throws Exception {
        return AckAfterDurableTest.responses(Peers.storescu(ae, port, List.of(file)));
    }

    private static boolean refusesConnections(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static ScuAssociation open(DicomClient client, int port, String calledAe) throws IOException {
        return client.connect("127.0.0.1", port, AssociationRequest.builder("SENDER", calledAe)
                .addPresentationContext(CT_STORAGE, EXPLICIT_LE).addPresentationContext(VERIFICATION, EXPLICIT_LE).build());
    }

    private static long files(Path d) {
        try {
            return Peers.files(d).size();
        } catch (IOException e) {
            return -1;
        }
    }

    private static RouteStatus status(RoutingEngine engine, String ae) {
        return engine.routes().stream().filter(r -> r.aeTitle().equals(ae)).findFirst().orElseThrow();
    }

    @Test
    void aRouteWhosePortChangedListensOnTheNewPortOnly() throws Exception {
        int oldPort = Peers.freePort();
        int newPort = Peers.freePort();
        Path files = dir.resolve("rebind-files");
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("rebind-spool"), "rebind"),
                oneRoute("ROUTER", oldPort, files, ""))) {
            assertThat(send("ROUTER", oldPort, ct("a"))).containsExactly("Success");

            s.engine().reconfigure(Engines.config(oneRoute("ROUTER", newPort, files, "")));

            assertThat(refusesConnections(oldPort)).as("old port %d refuses", oldPort).isTrue();
            assertThat(Peers.storescu("ROUTER", oldPort, List.of(ct("b")))).doesNotContain("Success");
            assertThat(send("ROUTER", newPort, ct("c"))).containsExactly("Success");
            assertThat(s.engine().listeningPort("ROUTER")).isEqualTo(newPort);
            assertThat(status(s.engine(), "ROUTER")).satisfies(r -> {
                assertThat(r.port()).isEqualTo(newPort);
                assertThat(r.listening()).isTrue();
            });
            Peers.await(() -> files(files) == 2, 20_000, "both accepted instances delivered");
            assertThat(db.count("SELECT count(*) FROM routes WHERE ae_title = 'ROUTER' AND port = ?", newPort)).isEqualTo(1);
        }
    }

    @Test
    void anAeTitleChangeLetsTheOpenAssociationFinishAndRejectsTheOldTitle() throws Exception {
        int port = Peers.freePort();
        Path files = dir.resolve("ae-files");
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("ae-spool"), "ae"),
                oneRoute("OLD_AE", port, files, ""));
             DicomClient client = new DicomClient(ConnectionOptions.defaults())) {
            try (ScuAssociation inProgress = open(client, port, "OLD_AE")) {
                assertThat(inProgress.store(ct("before")).status()).isZero();

                s.engine().reconfigure(Engines.config(oneRoute("NEW_AE", port, files, "")));

                // the association accepted before the change finishes, under the route it was accepted by
                assertThat(inProgress.store(ct("during")).status()).isZero();
                // new associations: the old title is not recognized any more, the new one is served on the same port
                String rejected = Peers.storescu("OLD_AE", port, List.of(ct("old")));
                assertThat(rejected).contains("Called AE Title Not Recognized").doesNotContain("Success");
                assertThat(send("NEW_AE", port, ct("new"))).containsExactly("Success");
                assertThat(s.engine().listeningPort("NEW_AE")).isEqualTo(port);
                assertThat(s.engine().listeningPort("OLD_AE")).isEqualTo(-1);
            }
            Peers.await(() -> files(files) == 3, 20_000, "three instances delivered");
            assertThat(s.engine().list(TransferQuery.latest(10))).extracting(TransferSummary::routeAeTitle)
                    .containsExactlyInAnyOrder("OLD_AE", "OLD_AE", "NEW_AE");
        }
    }

    @Test
    void aDisabledOrRemovedRouteRefusesWhileTheOtherKeepsWorking() throws Exception {
        int keep = Peers.freePort();
        int other = Peers.freePort();
        Path files = dir.resolve("disable-files");
        String both = """
                destinations:
                  files:
                    type: file
                    path: %s
                routes:
                  - ae_title: KEEP
                    port: %d
                    destinations: [files]
                  - ae_title: OTHER
                    port: %d
                    enabled: %s
                    destinations: [files]
                """;
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("disable-spool"), "disable"),
                both.formatted(files, keep, other, "true"))) {
            assertThat(send("OTHER", other, ct("o"))).containsExactly("Success");

            s.engine().reconfigure(Engines.config(both.formatted(files, keep, other, "false")));
            assertThat(refusesConnections(other)).isTrue();
            assertThat(status(s.engine(), "OTHER")).satisfies(r -> {
                assertThat(r.enabled()).isFalse();
                assertThat(r.listening()).isFalse();
            });
            assertThat(send("KEEP", keep, ct("k"))).containsExactly("Success");
            assertThat(s.engine().health().status()).isEqualTo(HealthStatus.UP);

            s.engine().reconfigure(Engines.config(oneRoute("KEEP", keep, files, "")));
            assertThat(refusesConnections(other)).isTrue();
            assertThat(s.engine().routes()).extracting(RouteStatus::aeTitle).containsExactly("KEEP");
            assertThat(db.count("SELECT count(*) FROM routes WHERE ae_title = 'OTHER'")).isZero();

            s.engine().reconfigure(Engines.config(both.formatted(files, keep, other, "true")));
            assertThat(send("OTHER", other, ct("o2"))).containsExactly("Success");
            Peers.await(() -> files(files) == 3, 20_000, "three instances delivered");
        }
    }

    @Test
    void aChangedDestinationRestartsWithItsNewSettings() throws Exception {
        int port = Peers.freePort();
        Path a = dir.resolve("dest-a");
        Path b = dir.resolve("dest-b");
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("dest-spool"), "dest"),
                oneRoute("ROUTER", port, a, ""))) {
            assertThat(send("ROUTER", port, ct("first"))).containsExactly("Success");
            Peers.await(() -> files(a) == 1, 20_000, "first study in A");

            s.engine().reconfigure(Engines.config(oneRoute("ROUTER", port, b, "")));
            assertThat(send("ROUTER", port, ct("second"))).containsExactly("Success");

            Peers.await(() -> files(b) == 1, 20_000, "next study in B");
            assertThat(files(a)).isEqualTo(1);
            assertThat(s.engine().destinations()).singleElement().satisfies(d -> assertThat(d.available()).isTrue());
            assertThat(db.count("SELECT count(*) FROM destinations WHERE name = 'files' AND config->>'path' = ?",
                    b.toString())).isEqualTo(1);
        }
    }

    @Test
    void aRuleChangeAppliesToTheNextInstance() throws Exception {
        int port = Peers.freePort();
        Path a = dir.resolve("rule-a");
        Path b = dir.resolve("rule-b");
        String yaml = """
                destinations:
                  a:
                    type: file
                    path: %s
                  b:
                    type: file
                    path: %s
                routes:
                  - ae_title: ROUTER
                    port: %d
                    study_timeout_seconds: 1
                    destinations: [a, b]
                    routing_rules:
                      - name: CT
                        tag: Modality
                        value: CT
                        destinations: [%s]
                %s""";
        String excludeCt = """
                    filters:
                      - name: no CT
                        tag: Modality
                        value: CT
                        action: exclude
                """;
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("rule-spool"), "rule"),
                yaml.formatted(a, b, port, "a", ""))) {
            int listener = s.engine().listeningPort("ROUTER");
            assertThat(send("ROUTER", port, ct("to-a"))).containsExactly("Success");
            Peers.await(() -> files(a) == 1, 20_000, "CT to a");

            s.engine().reconfigure(Engines.config(yaml.formatted(a, b, port, "b", "")));
            assertThat(send("ROUTER", port, ct("to-b"))).containsExactly("Success");
            Peers.await(() -> files(b) == 1, 20_000, "CT to b after the rule changed");
            assertThat(files(a)).isEqualTo(1);

            s.engine().reconfigure(Engines.config(yaml.formatted(a, b, port, "b", excludeCt)));
            assertThat(send("ROUTER", port, ct("excluded"))).containsExactly("Success");
            Peers.await(() -> s.engine().list(TransferQuery.latest(10)).stream()
                    .anyMatch(t -> "REJECTED".equals(t.status())), 10_000, "the CT filtered out");
            assertThat(s.engine().list(TransferQuery.latest(10))).filteredOn(t -> "REJECTED".equals(t.status()))
                    .singleElement().satisfies(t -> assertThat(t.lastError()).isEqualTo("excluded by filter 'no CT'"));
            Thread.sleep(1000);
            assertThat(files(a)).isEqualTo(1);
            assertThat(files(b)).isEqualTo(1);
            // the route's binding never changed: its listener was not replaced
            assertThat(s.engine().listeningPort("ROUTER")).isEqualTo(listener);
        }
    }

    @Test
    void anUnchangedRouteKeepsItsAssociationOpenAcrossAReconfiguration() throws Exception {
        int port = Peers.freePort();
        int added = Peers.freePort();
        Path files = dir.resolve("keep-files");
        Path other = dir.resolve("keep-other");
        String more = """
                destinations:
                  files:
                    type: file
                    path: %s
                  other:
                    type: file
                    path: %s
                routes:
                  - ae_title: ROUTER
                    port: %d
                    study_timeout_seconds: 1
                    destinations: [files]
                  - ae_title: ADDED
                    port: %d
                    destinations: [other]
                """.formatted(files, other, port, added);
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("keep-spool"), "keep"),
                oneRoute("ROUTER", port, files, ""));
             DicomClient client = new DicomClient(ConnectionOptions.defaults());
             ScuAssociation as = open(client, port, "ROUTER")) {
            assertThat(as.store(ct("one")).status()).isZero();

            s.engine().reconfigure(Engines.config(more));

            assertThat(as.store(ct("two")).status()).isZero();
            assertThat(as.echo()).isZero();
            assertThat(send("ADDED", added, ct("added"))).containsExactly("Success");
            Peers.await(() -> files(files) == 2 && files(other) == 1, 20_000, "deliveries");
            assertThat(as.store(ct("three")).status()).isZero();
        }
    }

    @Test
    void aPortInUseIsReportedAndTakenOnceFree() throws Exception {
        int port = Peers.freePort();
        Path files = dir.resolve("busy-files");
        String two = """
                destinations:
                  files:
                    type: file
                    path: %s
                routes:
                  - ae_title: ROUTER
                    port: %d
                    destinations: [files]
                  - ae_title: BUSY
                    port: %d
                    destinations: [files]
                """;
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("busy-spool"), "busy"),
                oneRoute("ROUTER", port, files, ""))) {
            ServerSocket blocker = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
            int busy = blocker.getLocalPort();
            try {
                s.engine().reconfigure(Engines.config(two.formatted(files, port, busy)));
                assertThat(status(s.engine(), "BUSY")).satisfies(r -> {
                    assertThat(r.listening()).isFalse();
                    assertThat(r.problem()).contains("cannot listen on port " + busy);
                });
                assertThat(s.engine().health().status()).isEqualTo(HealthStatus.DOWN);
                assertThat(s.engine().health().detail()).contains("BUSY").contains(String.valueOf(busy));
                // the engine keeps going
                assertThat(send("ROUTER", port, ct("meanwhile"))).containsExactly("Success");
            } finally {
                blocker.close();
            }
            Peers.await(() -> s.engine().listeningPort("BUSY") == busy, 30_000, "the freed port to be taken");
            assertThat(send("BUSY", busy, ct("busy"))).containsExactly("Success");
            assertThat(s.engine().health().status()).isEqualTo(HealthStatus.UP);
        }
    }

    @Test
    void aRemovedDestinationKeepsItsQueueAndResumesWhenItComesBack() throws Exception {
        int port = Peers.freePort();
        Path gone = dir.resolve("gone-files");
        Path stay = dir.resolve("stay-files");
        String withGone = oneRoute("gone", "ROUTER", port, gone, "");
        String without = oneRoute("stay", "ROUTER", port, stay, "");
        RoutingEngine engine = new RoutingEngine(db.dataSource(), Engines.settings(dir.resolve("gone-spool"), "gone"),
                new TransferEvents());
        try (engine) {
            assertThat(engine.health().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(engine.health().detail()).contains("waiting for the configuration");
            // no file type yet: what is received for 'gone' waits in the queue
            engine.reconfigure(Engines.config(withGone));
            assertThat(send("ROUTER", port, ct("q1"))).containsExactly("Success");
            assertThat(send("ROUTER", port, ct("q2"))).containsExactly("Success");

            engine.reconfigure(Engines.config(without));
            engine.addFactory(new FileDestinationFactory(), Map.of(DestinationFactory.TYPE_PROPERTY, "file"));
            assertThat(send("ROUTER", port, ct("s1"))).containsExactly("Success");
            Peers.await(() -> files(stay) == 1, 20_000, "the new destination delivers");
            Thread.sleep(1000);
            assertThat(files(gone)).isZero();
            assertThat(db.count("SELECT count(*) FROM delivery_queue WHERE destination = 'gone' AND state = 'PENDING'"))
                    .isEqualTo(2);
            assertThat(engine.destinations()).extracting(d -> d.name()).containsExactly("stay");

            engine.reconfigure(Engines.config(withGone));
            Peers.await(() -> files(gone) == 2, 20_000, "the queued instances once the destination is back");
            Peers.await(() -> {
                try {
                    return db.count("SELECT count(*) FROM delivery_queue WHERE destination = 'gone' AND state = 'DONE'") == 2;
                } catch (Exception e) {
                    return false;
                }
            }, 10_000, "queue rows done");
        }
    }
}
