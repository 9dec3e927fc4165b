package org.xnat.router.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/**
 * A C-STORE is answered with success only once the instance is in the spool (fsync) and in PostgreSQL: with
 * the database stopped, or the spool's disk below its threshold, senders get failure statuses and nothing is
 * left behind to be delivered.
 */
class AckAfterDurableTest {

    private static final String CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    @TempDir
    static Path dir;
    static TestDatabase db;

    @BeforeAll
    static void database() throws Exception {
        Peers.assumeTool("storescu");
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

    @Test
    void databaseDownGivesFailureStatusesAndLeavesNothingToDeliver() throws Exception {
        int port = Peers.freePort();
        List<Path> batch1 = List.of(Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("db/ok.dcm"),
                "1.2.826.0.1.3680043.10.543.9.1", null));
        List<Path> batch2 = List.of(
                Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("db/down1.dcm"), "1.2.826.0.1.3680043.10.543.9.2", null),
                Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("db/down2.dcm"), "1.2.826.0.1.3680043.10.543.9.3", null),
                Peers.variant(Peers.CORPUS.resolve("MR_small.dcm"), dir.resolve("db/down3.dcm"), "1.2.826.0.1.3680043.10.543.9.4", null));
        EngineSettings settings = Engines.settings(dir.resolve("spool-db"), "ack");
        try (Engines.Started s = Engines.start(db, settings, yaml(port, dir.resolve("files-db")))) {
            assertThat(responses(Peers.storescu("ROUTER", port, batch1))).containsExactly("Success");
            assertThat(s.engine().spool().list()).hasSize(1);

            db.stop();
            String output = Peers.storescu("ROUTER", port, batch2);
            List<String> down = responses(output);
            // storescu stops sending after an out-of-resources answer
            assertThat(down).as(output).isNotEmpty().allMatch(r -> r.equals("Refused: OutOfResources"));
            try (DicomClient client = new DicomClient(ConnectionOptions.defaults());
                 ScuAssociation as = client.connect("127.0.0.1", port, AssociationRequest.builder("SENDER", "ROUTER")
                         .addPresentationContext(CT_STORAGE, EXPLICIT_LE)
                         .addPresentationContext("1.2.840.10008.5.1.4.1.1.4", EXPLICIT_LE).build())) {
                for (Path p : batch2) {
                    DimseResponse rsp = as.store(p);
                    assertThat(rsp.status()).as(p.toString()).isEqualTo(0xA700);
                    assertThat(rsp.errorComment()).contains("database unavailable");
                }
            }
            // the spooled copies of refused instances are gone: they can never be delivered as if acknowledged
            assertThat(s.engine().spool().list()).hasSize(1);

            db.start();
            Peers.await(() -> {
                try {
                    return responses(Peers.storescu("ROUTER", port, batch2)).equals(List.of("Success", "Success", "Success"));
                } catch (Exception e) {
                    return false;
                }
            }, 30_000, "stores to succeed once the database is back");
            assertThat(db.count("SELECT count(*) FROM spool_files")).isEqualTo(4);
            assertThat(s.engine().spool().list()).hasSize(4);
        }
    }

    @Test
    void spoolBelowItsFreeSpaceThresholdAnswersA700() throws Exception {
        int port = Peers.freePort();
        EngineSettings settings = Engines.settings(dir.resolve("spool-disk"), "disk").withMinFreeBytes(Long.MAX_VALUE);
        Path ct = Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("disk/ct.dcm"),
                "1.2.826.0.1.3680043.10.543.8.1", null);
        try (Engines.Started s = Engines.start(db, settings, yaml(port, dir.resolve("files-disk")));
             DicomClient client = new DicomClient(ConnectionOptions.defaults())) {
            try (ScuAssociation as = client.connect("127.0.0.1", port, AssociationRequest.builder("SENDER", "ROUTER")
                    .addPresentationContext(CT_STORAGE, EXPLICIT_LE).build())) {
                DimseResponse rsp = as.store(ct);
                assertThat(rsp.status()).isEqualTo(0xA700);
                assertThat(rsp.errorComment()).contains("low disk space");
            }
            assertThat(responses(Peers.storescu("ROUTER", port, List.of(ct)))).containsExactly("Refused: OutOfResources");
            assertThat(s.engine().spool().list()).isEmpty();
            assertThat(db.count("SELECT count(*) FROM spool_files")).isZero();
        }
    }

    /** The status text of every "Received Store Response" line of storescu -v. */
    static List<String> responses(String storescuOutput) {
        Matcher m = Pattern.compile("Received Store Response \\(([^)]*)\\)").matcher(storescuOutput);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
