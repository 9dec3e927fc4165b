package org.xnat.router.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.router.api.health.HealthStatus;
import org.xnat.router.routing.TransferQuery;
import org.xnat.router.routing.TransferSummary;
import org.xnat.router.routing.internal.tracking.TransferEvents;

/**
 * State survives the engine: queued work of a stopped engine is delivered by the next one (here: after the
 * destination type appears), spool files without a database row are quarantined, never delivered. Also: a
 * {@code reject} validation answers A900 and is recorded; tag modifications change what is sent, not the spool.
 */
class RecoveryTest {

    private static final String CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    @TempDir
    static Path dir;
    static TestDatabase db;

    @BeforeAll
    static void database() throws Exception {
        Peers.assumeTool("dcmdump");
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void clean() throws Exception {
        db.truncate();
    }

    private static DimseResponse store(int port, Path file) throws Exception {
        try (DicomClient client = new DicomClient(ConnectionOptions.defaults());
             ScuAssociation as = client.connect("127.0.0.1", port, AssociationRequest.builder("SENDER", "ROUTER")
                     .addPresentationContext(CT_STORAGE, EXPLICIT_LE).build())) {
            return as.store(file);
        }
    }

    @Test
    void queuedWorkAndOrphansAreHandledByTheNextEngine() throws Exception {
        int port = Peers.freePort();
        Path out = dir.resolve("files-recovery");
        Path spool = dir.resolve("spool-recovery");
        String yaml = """
                destinations:
                  files:
                    type: file
                    path: %s
                routes:
                  - ae_title: ROUTER
                    port: %d
                    study_timeout_seconds: 1
                    destinations: [files]
                    tag_modifications:
                      - tag: InstitutionName
                        value: RESEARCH SITE
                """.formatted(out, port);
        Path ct = Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("in/r1.dcm"),
                "1.2.826.0.1.3680043.10.543.6.1", null);
        // engine 1 has no 'file' destination type: the instance is acknowledged and waits in the queue
        RoutingEngine first = new RoutingEngine(db.dataSource(), Engines.settings(spool, "first"), new TransferEvents());
        first.start(Engines.config(yaml));
        assertThat(store(port, ct).status()).isZero();
        assertThat(first.destinations()).singleElement().satisfies(d -> {
            assertThat(d.available()).isFalse();
            assertThat(d.problem()).contains("'file' is not installed");
            assertThat(d.pending()).isEqualTo(1);
        });
        assertThat(first.health().status()).isEqualTo(HealthStatus.DEGRADED);
        List<String> spooled = first.spool().list();
        first.close();

        // a crash between fsync and insert leaves a file without a row: its sender got no success
        Path orphan = spool.resolve("2020/01/01/orphan.dcm");
        Files.createDirectories(orphan.getParent());
        Files.copy(ct, orphan);

        try (Engines.Started second = Engines.start(db, Engines.settings(spool, "second"), yaml)) {
            assertThat(second.engine().spool().list()).containsExactlyElementsOf(spooled);
            assertThat(spool.resolve("quarantine/2020/01/01/orphan.dcm")).exists();
            Peers.await(() -> second.engine().list(TransferQuery.latest(5)).stream().anyMatch(t -> t.status().equals("DONE")),
                    20_000, "delivery by the second engine");
            List<Path> delivered = Peers.files(out);
            assertThat(delivered).hasSize(1);
            // the tag modification is in what was sent, the spooled original is untouched
            try (DicomReader r = DicomReader.open(delivered.get(0))) {
                assertThat(r.readDataset().getString(Tag.InstitutionName)).isEqualTo("RESEARCH SITE");
            }
            try (DicomReader r = DicomReader.open(spool.resolve(spooled.get(0)))) {
                assertThat(r.readDataset().getString(Tag.InstitutionName)).isNotEqualTo("RESEARCH SITE");
            }
            String sent = Peers.datasetDump(ct).replaceAll("\\(0008,0080\\)[^\\n]*\\n", "");
            String got = Peers.datasetDump(delivered.get(0)).replaceAll("\\(0008,0080\\)[^\\n]*\\n", "");
            assertThat(got).isEqualTo(sent);
        }
    }

    @Test
    void rejectValidationAnswersA900AndIsRecordedWithTheRule() throws Exception {
        int port = Peers.freePort();
        String yaml = """
                destinations:
                  files:
                    type: file
                    path: %s
                routes:
                  - ae_title: ROUTER
                    port: %d
                    destinations: [files]
                    validation_rules:
                      - name: MR only
                        type: modality_check
                        values: [MR]
                """.formatted(dir.resolve("files-reject"), port);
        Path ct = Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("in/rej.dcm"),
                "1.2.826.0.1.3680043.10.543.6.2", null);
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("spool-reject"), "rej"), yaml)) {
            DimseResponse rsp = store(port, ct);
            assertThat(rsp.status()).isEqualTo(0xA900);
            assertThat(rsp.errorComment()).startsWith("rejected by validation rule 'MR only'");
            TransferSummary t = s.engine().list(TransferQuery.latest(5)).get(0);
            assertThat(t.status()).isEqualTo("REJECTED");
            assertThat(t.destination()).isEmpty();
            assertThat(t.lastError()).isEqualTo("validation rule 'MR only': Modality 'CT' is not one of [MR]");
            assertThat(s.engine().instances(t.id(), 5)).singleElement()
                    .satisfies(i -> assertThat(i.error()).contains("MR only"));
            assertThat(db.count("SELECT count(*) FROM delivery_queue")).isZero();
            assertThat(db.count("SELECT count(*) FROM spool_files WHERE status = 'REJECTED' AND rejected_by LIKE '%MR only%'"))
                    .isEqualTo(1);
        }
    }

}
