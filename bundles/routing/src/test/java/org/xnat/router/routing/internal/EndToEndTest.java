package org.xnat.router.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.transfer.TransferState;
import org.xnat.router.routing.TransferInstance;
import org.xnat.router.routing.TransferQuery;
import org.xnat.router.routing.TransferSummary;

/**
 * storescu → a route with routing rules (CT → storescp A + files, MR → storescp B + files, SR excluded by a
 * filter) → two dcmtk storescp peers through the real dicom destination type and a real file destination.
 * Every delivered file is compared with what was sent (dcmdump of the whole data set, pixel data included),
 * and the tracking rows are checked.
 */
class EndToEndTest {

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

    @Test
    void routesByModalityDeliversByteEqualDataAndTracksEverything() throws Exception {
        int portA = Peers.freePort();
        int portB = Peers.freePort();
        int routePort = Peers.freePort();
        Path outA = dir.resolve("peer-a");
        Path outB = dir.resolve("peer-b");
        Path files = dir.resolve("files");
        Process a = Peers.storescp("PEER_A", portA, outA, dir.resolve("a.log"));
        Process b = Peers.storescp("PEER_B", portB, outB, dir.resolve("b.log"));
        String yaml = """
                destinations:
                  peer-a:
                    type: dicom
                    ae_title: PEER_A
                    host: 127.0.0.1
                    port: %d
                  peer-b:
                    type: dicom
                    ae_title: PEER_B
                    host: 127.0.0.1
                    port: %d
                  files:
                    type: file
                    path: %s
                    directory_pattern: "{StudyInstanceUID}"
                routes:
                  - ae_title: ROUTER
                    port: %d
                    study_timeout_seconds: 1
                    destinations: [peer-a, peer-b, files]
                    routing_rules:
                      - name: CT to A
                        tag: Modality
                        value: CT
                        destinations: [peer-a, files]
                      - name: MR to B
                        tag: Modality
                        value: MR
                        destinations: [peer-b, files]
                    filters:
                      - name: no SR
                        tag: Modality
                        value: SR
                        action: exclude
                """.formatted(portA, portB, files, routePort);
        List<Path> ct = new ArrayList<>();
        List<Path> mr = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ct.add(Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("in/ct" + i + ".dcm"),
                    "1.2.826.0.1.3680043.10.543.1." + i, null));
            mr.add(Peers.variant(Peers.CORPUS.resolve("MR_small.dcm"), dir.resolve("in/mr" + i + ".dcm"),
                    "1.2.826.0.1.3680043.10.543.2." + i, null));
        }
        Path sr = Peers.CORPUS.resolve("test-SR.dcm");
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("spool"), "e2e"), yaml)) {
            List<Path> all = new ArrayList<>(ct);
            all.addAll(mr);
            all.add(sr);
            String out = Peers.storescu("ROUTER", routePort, all);
            assertThat(out).doesNotContain("Store Failed").doesNotContain("Refused");

            Peers.await(() -> count(outA) == 3 && count(outB) == 3 && count(files) == 6, 30_000, "deliveries");
            // every file equals what was sent, element by element, pixel data included
            Map<String, Path> sent = new java.util.HashMap<>();
            for (Path p : all) {
                sent.put(sopOf(p), p);
            }
            for (Path delivered : concat(Peers.files(outA), Peers.files(outB), Peers.files(files))) {
                Path original = sent.get(sopOf(delivered));
                assertThat(original).as("delivered %s was sent", delivered).isNotNull();
                Peers.assertSameDataset(delivered, original);
            }
            assertThat(Peers.files(outA)).allMatch(p -> p.getFileName().toString().startsWith("CT."));
            assertThat(Peers.files(outB)).allMatch(p -> p.getFileName().toString().startsWith("MR."));

            // tracking: one transfer per study × destination, DONE after the study's quiet time; SR rejected
            Peers.await(() -> s.engine().list(TransferQuery.latest(100)).stream()
                    .filter(t -> !t.destination().isEmpty()).allMatch(TransferSummary::isFinal), 20_000, "final transfers");
            List<TransferSummary> transfers = s.engine().list(TransferQuery.latest(100));
            Map<String, TransferSummary> byDest = transfers.stream().filter(t -> !t.destination().isEmpty())
                    .collect(Collectors.toMap(t -> t.destination() + "|" + t.studyInstanceUid(), Function.identity()));
            String ctStudy = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
            String mrStudy = "1.3.6.1.4.1.5962.1.2.4.20040826185059.5457";
            assertThat(byDest).containsOnlyKeys("peer-a|" + ctStudy, "files|" + ctStudy, "peer-b|" + mrStudy,
                    "files|" + mrStudy);
            for (TransferSummary t : byDest.values()) {
                assertThat(t.status()).isEqualTo("DONE");
                assertThat(t.fileCount()).isEqualTo(3);
                assertThat(t.instancesDone()).isEqualTo(3);
                assertThat(t.instancesFailed()).isZero();
                assertThat(t.totalBytes()).isPositive();
                assertThat(t.attempts()).isGreaterThanOrEqualTo(1);
                assertThat(t.callingAeTitle()).isEqualTo("SENDER");
                assertThat(t.routeAeTitle()).isEqualTo("ROUTER");
                assertThat(t.completedAt()).isAfterOrEqualTo(t.startedAt());
                List<TransferInstance> instances = s.engine().instances(t.id(), 10);
                assertThat(instances).hasSize(3).allMatch(i -> i.status().equals("DONE"));
                if (t.destination().startsWith("peer")) {
                    assertThat(instances).allMatch(i -> i.dimseStatus() == 0);
                }
            }
            TransferSummary rejected = transfers.stream().filter(t -> t.destination().isEmpty()).findFirst().orElseThrow();
            assertThat(rejected.status()).isEqualTo("REJECTED");
            assertThat(rejected.lastError()).isEqualTo("excluded by filter 'no SR'");
            assertThat(s.engine().instances(rejected.id(), 10)).singleElement()
                    .satisfies(i -> assertThat(i.status()).isEqualTo("REJECTED"));

            // the queue is drained, the audit trail has every instance, events were fired after recording
            assertThat(db.count("SELECT count(*) FROM delivery_queue WHERE state <> 'DONE'")).isZero();
            assertThat(db.count("SELECT count(*) FROM delivery_queue WHERE state = 'DONE'")).isEqualTo(12);
            assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'instance.received'")).isEqualTo(6);
            assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'instance.rejected'")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'instance.delivered'")).isEqualTo(12);
            assertThat(db.count("SELECT count(*) FROM spool_files")).isEqualTo(7);
            assertThat(s.events()).filteredOn(e -> e.state() == TransferState.COMPLETED).hasSize(4);
            assertThat(s.events()).filteredOn(e -> e.state() == TransferState.QUEUED).hasSize(4);
            // config mirrored
            assertThat(db.count("SELECT count(*) FROM destinations")).isEqualTo(3);
            assertThat(db.count("SELECT count(*) FROM routes WHERE ae_title = 'ROUTER' AND port = ?", routePort)).isEqualTo(1);
            // spooled originals are byte-exact data sets of what was sent (meta added by the router)
            assertThat(s.engine().health().status().name()).isEqualTo("UP");
        } finally {
            Engines.destroy(a);
            Engines.destroy(b);
        }
    }

    private static long count(Path d) {
        try {
            return Peers.files(d).size();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @SafeVarargs
    private static List<Path> concat(List<Path>... lists) {
        List<Path> all = new ArrayList<>();
        for (List<Path> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    private static String sopOf(Path p) throws java.io.IOException {
        try (var r = org.xnat.dicom.io.DicomReader.open(p,
                org.xnat.dicom.io.ReadOptions.defaults().stopBeforePixelData(true))) {
            return r.readDataset().getString(org.xnat.dicom.data.Tag.SOPInstanceUID);
        }
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
