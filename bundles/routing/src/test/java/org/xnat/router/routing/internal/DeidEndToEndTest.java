package org.xnat.router.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.io.DicomReader;
import org.xnat.router.api.processor.DatasetProcessorFactory;
import org.xnat.router.deid.internal.broker.Crosswalk;
import org.xnat.router.deid.internal.broker.HonestBrokerProcessorFactory;
import org.xnat.router.deid.internal.broker.IdType;
import org.xnat.router.deid.internal.broker.JdbcCrosswalk;
import org.xnat.router.deid.internal.dicomedit.DicomEditProcessorFactory;
import org.xnat.router.deid.internal.profile.Ps315ProcessorFactory;
import org.xnat.router.routing.TransferInstance;
import org.xnat.router.routing.TransferQuery;
import org.xnat.router.routing.TransferSummary;

import com.sun.net.httpserver.HttpServer;

/**
 * De-identifying route destinations end to end: storescu → route → storescp (dicom destination) and a file
 * destination, with the real processor types of the deid bundle and a real PostgreSQL crosswalk. What arrives is
 * checked with dcmdump: no original name, ID, date or UID anywhere (File Meta Information included). Fail-closed
 * cases: the processor types missing at first (the instances wait), the peer down at first (the retry is
 * de-identified too), a script error (FAILED with the script's error, nothing delivered), a remote honest broker
 * that is down (the instances wait, then go out with the broker's IDs).
 */
class DeidEndToEndTest {

    /** Values of CT_small.dcm (and of the variants sent) that must never reach a de-identifying destination. */
    private static final List<String> ORIGINALS = List.of("CompressedSamples", "[1CT1]", "20040119", "19970430",
            "JFK IMAGING", "ABCD1234", "1234ABCD", "20040119072730", "1.2.826.0.1.3680043.10.543.9", "CLUNIE1");

    @TempDir
    static Path dir;
    static TestDatabase db;

    @BeforeAll
    static void database() throws Exception {
        Peers.assumeTool("storescu");
        Peers.assumeTool("storescp");
        Peers.assumeTool("dcmdump");
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private static void addDeidTypes(RoutingEngine engine, Crosswalk crosswalk) {
        engine.addProcessorFactory(new DicomEditProcessorFactory(crosswalk),
                Map.of(DatasetProcessorFactory.TYPE_PROPERTY, DicomEditProcessorFactory.TYPE));
        engine.addProcessorFactory(new HonestBrokerProcessorFactory(crosswalk),
                Map.of(DatasetProcessorFactory.TYPE_PROPERTY, HonestBrokerProcessorFactory.TYPE));
        engine.addProcessorFactory(new Ps315ProcessorFactory(), Map.of(DatasetProcessorFactory.TYPE_PROPERTY, "ps315"));
    }

    private static List<Path> ctInstances(String name, int n) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            files.add(Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve(name + "/ct" + i + ".dcm"),
                    "1.2.826.0.1.3680043.10.543.9." + i, null));
        }
        return files;
    }

    /** The full dcmdump (meta information included) must hold none of the original values. */
    private static void assertDeidentified(Path file) throws Exception {
        Process p = Peers.dcmtk("dcmdump", "-q", "+L", file.toString()).start();
        String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(dump).as("dcmdump of %s", file).contains("(7fe0,0010)");
        for (String original : ORIGINALS) {
            assertThat(dump).as("%s must not be in %s", original, file).doesNotContain(original);
        }
        Attributes fmi;
        Attributes ds;
        try (DicomReader r = DicomReader.open(file)) {
            fmi = r.fileMetaInformation();
            ds = r.readDataset();
        }
        assertThat(fmi.getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo(ds.getString(Tag.SOPInstanceUID));
        assertThat(ds.getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
        Attributes original;
        try (DicomReader r = DicomReader.open(Peers.CORPUS.resolve("CT_small.dcm"))) {
            original = r.readDataset();
        }
        assertThat(ds.getBytes(Tag.PixelData)).as("pixel data untouched").isEqualTo(original.getBytes(Tag.PixelData));
    }

    private static long queryCount(String sql) {
        try {
            return db.count(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(Path directory) {
        try {
            return Peers.files(directory).size();
        } catch (IOException e) {
            return -1;
        }
    }

    private static List<TransferSummary> transfers(Engines.Started s, String route) {
        return s.engine().list(new TransferQuery(null, route, null, null, 100, 0));
    }

    private static TransferSummary transfer(Engines.Started s, String route, String destination) {
        return transfers(s, route).stream().filter(t -> t.destination().equals(destination)).findFirst().orElseThrow();
    }

    @Test
    void everyDestinationGetsOnlyDeidentifiedDataAlsoAfterWaitingAndRetrying() throws Exception {
        int pacsPort = Peers.freePort();
        int routePort = Peers.freePort();
        Path files = dir.resolve("e2e-files");
        Path pacs = dir.resolve("e2e-pacs");
        String yaml = """
                honest_brokers:
                  local:
                    naming_scheme: sequential
                    patient_id_prefix: SUBJ
                    hash_key: test-secret
                destinations:
                  pacs:
                    type: dicom
                    ae_title: PACS
                    host: 127.0.0.1
                    port: %d
                  anonfiles:
                    type: file
                    path: %s
                routes:
                  - ae_title: DEID
                    port: %d
                    study_timeout_seconds: 1
                    destinations:
                      - destination: pacs
                        project_id: P1
                        anon_script: hipaa_standard
                        use_honest_broker: true
                        honest_broker: local
                        retry_count: 30
                        retry_delay_seconds: 1
                      - destination: anonfiles
                        anonymize: true
                """.formatted(pacsPort, files, routePort);
        List<Path> sent = ctInstances("e2e-in", 3);
        Process peer = null;
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("e2e-spool"), "deid-e2e"), yaml)) {
            assertThat(AckAfterDurableTest.responses(Peers.storescu("DEID", s.engine().listeningPort("DEID"), sent)))
                    .containsExactly("Success", "Success", "Success");
            // no de-identification types yet: nothing goes out, nothing fails, the rows say why they wait
            Peers.await(() -> queryCount("SELECT count(*) FROM delivery_queue WHERE destination IN ('pacs', 'anonfiles')"
                    + " AND last_error LIKE '%processor type%is not available%'") == 6, 10_000, "rows waiting for the types");
            Thread.sleep(1000);
            assertThat(Peers.files(files)).isEmpty();
            assertThat(db.count("SELECT count(*) FROM delivery_queue WHERE destination IN ('pacs', 'anonfiles')"
                    + " AND state IN ('FAILED', 'DONE')")).isZero();
            assertThat(db.count("SELECT count(*) FROM delivery_queue WHERE destination IN ('pacs', 'anonfiles')"
                    + " AND attempts > 1")).as("waiting is not an attempt").isZero();
            assertThat(s.engine().health().status()).isEqualTo(org.xnat.router.api.health.HealthStatus.DEGRADED);
            assertThat(s.engine().health().detail()).contains("de-identification waits")
                    .contains("processor type 'dicomedit' is not available");

            addDeidTypes(s.engine(), new JdbcCrosswalk(db.dataSource()));
            assertThat(s.engine().health().detail()).doesNotContain("de-identification waits");
            Peers.await(() -> count(files) == 3, 30_000, "de-identified files");
            for (Path f : Peers.files(files)) {
                assertDeidentified(f);
                try (DicomReader r = DicomReader.open(f)) {
                    assertThat(r.readDataset().getString(Tag.PatientID)).isEqualTo("ANONYMOUS");
                }
            }
            // the peer was down: retries, then it is started and gets de-identified data
            Peers.await(() -> transfer(s, "DEID", "pacs").attempts() >= 2
                    && transfer(s, "DEID", "pacs").status().equals("RETRYING"), 20_000, "retries to the peer");
            peer = Peers.storescp("PACS", pacsPort, pacs, dir.resolve("e2e-pacs.log"));
            Peers.await(() -> transfer(s, "DEID", "pacs").status().equals("DONE"), 60_000, "delivery to the peer");
            List<Path> received = Peers.files(pacs);
            assertThat(received).hasSize(3);
            for (Path f : received) {
                assertDeidentified(f);
                try (DicomReader r = DicomReader.open(f)) {
                    Attributes ds = r.readDataset();
                    // the broker's subject label, given to the script as its 'subject' variable
                    assertThat(ds.getString(Tag.PatientID)).isEqualTo("SUBJ000001");
                    assertThat(ds.getString(Tag.PatientName)).isEqualTo("SUBJ000001");
                }
            }
            assertThat(new JdbcCrosswalk(db.dataSource()).find("local", IdType.PATIENT_ID, "1CT1")).isEqualTo("SUBJ000001");
            assertThat(transfer(s, "DEID", "anonfiles").status()).isEqualTo("DONE");
            // tracking keeps the original UIDs (the spool's); the destination saw the processed ones
            List<TransferInstance> tracked = s.engine().instances(transfer(s, "DEID", "pacs").id(), 10);
            assertThat(tracked).extracting(TransferInstance::sopInstanceUid)
                    .allMatch(u -> u.startsWith("1.2.826.0.1.3680043.10.543.9."));
        } finally {
            Engines.destroy(peer);
        }
    }

    @Test
    void importsAreDeidentifiedToo() throws Exception {
        Path files = dir.resolve("import-files");
        String yaml = """
                destinations:
                  importfiles:
                    type: file
                    path: %s
                routes:
                  - ae_title: IMPORT
                    port: %d
                    study_timeout_seconds: 1
                    destinations:
                      - destination: importfiles
                        anonymize: true
                """.formatted(files, Peers.freePort());
        List<Path> sent = ctInstances("import-in", 2);
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("import-spool"), "deid-import"), yaml)) {
            addDeidTypes(s.engine(), new JdbcCrosswalk(db.dataSource()));
            for (Path f : sent) {
                try (var in = java.nio.file.Files.newInputStream(f)) {
                    s.engine().ingest(in, new org.xnat.router.api.filter.RouteContext("IMPORT", null, null, "import"));
                }
            }
            Peers.await(() -> transfer(s, "IMPORT", "importfiles").status().equals("DONE"), 30_000, "the import delivered");
            assertThat(Peers.files(files)).hasSize(2);
            for (Path f : Peers.files(files)) {
                assertDeidentified(f);
            }
        }
    }

    @Test
    void aScriptErrorFailsTheInstanceWithTheReasonAndNothingIsDelivered() throws Exception {
        int routePort = Peers.freePort();
        Path files = dir.resolve("broken-files");
        Path clean = dir.resolve("broken-clean");
        String yaml = """
                scripts:
                  broken: |
                    version "6.3"
                    (0010,0010) := (0071,0071)
                destinations:
                  files:
                    type: file
                    path: %s
                  clean:
                    type: file
                    path: %s
                routes:
                  - ae_title: BROKEN
                    port: %d
                    study_timeout_seconds: 1
                    destinations:
                      - destination: files
                        anon_script: broken
                        retry_count: 5
                        retry_delay_seconds: 1
                      - destination: clean
                        anon_script: minimal
                """.formatted(files, clean, routePort);
        List<Path> sent = ctInstances("broken-in", 2);
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("broken-spool"), "deid-broken"), yaml)) {
            addDeidTypes(s.engine(), new JdbcCrosswalk(db.dataSource()));
            assertThat(AckAfterDurableTest.responses(Peers.storescu("BROKEN", s.engine().listeningPort("BROKEN"), sent)))
                    .containsExactly("Success", "Success");
            Peers.await(() -> transfer(s, "BROKEN", "files").status().equals("FAILED"), 30_000, "the failed transfer");
            TransferSummary failed = transfer(s, "BROKEN", "files");
            assertThat(failed.attempts()).as("a script error is not retried").isEqualTo(1);
            assertThat(failed.lastError()).contains("script 'broken'").contains("line 2");
            assertThat(s.engine().instances(failed.id(), 10)).hasSize(2).allSatisfy(i -> {
                assertThat(i.status()).isEqualTo("FAILED");
                assertThat(i.error()).contains("script 'broken' line 2, column");
            });
            assertThat(Peers.files(files)).isEmpty();
            // the other route destination is not affected
            Peers.await(() -> transfer(s, "BROKEN", "clean").status().equals("DONE"), 30_000, "the other destination");
            assertThat(Peers.files(clean)).hasSize(2);
        }
    }

    @Test
    void aRemoteBrokerThatIsDownKeepsTheInstancesQueuedUntilItAnswers() throws Exception {
        int brokerPort = Peers.freePort();
        int routePort = Peers.freePort();
        Path files = dir.resolve("remote-files");
        String yaml = """
                honest_brokers:
                  research:
                    broker_type: remote
                    scheme: http
                    sts_host: 127.0.0.1:%1$d
                    api_host: 127.0.0.1:%1$d
                    username: router
                    password: pw
                    app_name: router-test
                    app_key: key
                    timeout_seconds: 2
                    retries: 0
                destinations:
                  files:
                    type: file
                    path: %2$s
                routes:
                  - ae_title: REMOTE
                    port: %3$d
                    study_timeout_seconds: 1
                    destinations:
                      - destination: files
                        use_honest_broker: true
                        honest_broker: research
                        retry_count: 30
                        retry_delay_seconds: 1
                """.formatted(brokerPort, files, routePort);
        List<Path> sent = ctInstances("remote-in", 2);
        HttpServer broker = null;
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("remote-spool"), "deid-remote"), yaml)) {
            addDeidTypes(s.engine(), new JdbcCrosswalk(db.dataSource()));
            assertThat(AckAfterDurableTest.responses(Peers.storescu("REMOTE", s.engine().listeningPort("REMOTE"), sent)))
                    .containsExactly("Success", "Success");
            Peers.await(() -> transfer(s, "REMOTE", "files").attempts() >= 2
                    && transfer(s, "REMOTE", "files").status().equals("RETRYING"), 30_000, "retries while the broker is down");
            TransferSummary waiting = transfer(s, "REMOTE", "files");
            assertThat(waiting.lastError()).contains("honest broker 'research' unavailable");
            assertThat(Peers.files(files)).isEmpty();

            AtomicInteger lookups = new AtomicInteger();
            broker = HttpServer.create(new InetSocketAddress("127.0.0.1", brokerPort), 0);
            broker.createContext("/token", x -> answer(x, 200, "{\"access_token\":\"t0k3n\",\"expires_in\":600}"));
            broker.createContext("/DeIdentification/lookup", x -> {
                lookups.incrementAndGet();
                if (!"Bearer t0k3n".equals(x.getRequestHeaders().getFirst("Authorization"))) {
                    answer(x, 401, "");
                    return;
                }
                String id = URLDecoder.decode(x.getRequestURI().getRawQuery().substring("idIn=".length()),
                        StandardCharsets.UTF_8);
                answer(x, 200, "[{\"idOut\":\"RID-" + id + "\"}]");
            });
            broker.start();
            Peers.await(() -> transfer(s, "REMOTE", "files").status().equals("DONE"), 60_000, "delivery once the broker answers");
            assertThat(Peers.files(files)).hasSize(2).allSatisfy(f -> {
                try (DicomReader r = DicomReader.open(f)) {
                    Attributes ds = r.readDataset();
                    assertThat(ds.getString(Tag.PatientID)).isEqualTo("RID-1CT1");
                    assertThat(ds.getString(Tag.PatientName)).isEqualTo("RID-1CT1");
                    assertThat(ds.contains(Tag.OtherPatientIDsSequence)).isFalse();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(lookups.get()).as("cached after the first lookup").isEqualTo(1);
            assertThat(new JdbcCrosswalk(db.dataSource()).find("research", IdType.PATIENT_ID, "1CT1")).isEqualTo("RID-1CT1");
        } finally {
            if (broker != null) {
                broker.stop(0);
            }
        }
    }

    static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }
}
