package org.xnat.router.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.transfer.TransferState;
import org.xnat.router.routing.TransferQuery;
import org.xnat.router.routing.TransferSummary;

/** A destination that is down for a while: retries with backoff are visible in tracking, then all is delivered. */
class DestinationDownTest {

    @TempDir
    static Path dir;
    static TestDatabase db;

    @BeforeAll
    static void database() throws Exception {
        Peers.assumeTool("storescu");
        Peers.assumeTool("storescp");
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everythingIsDeliveredAfterTheDestinationReturns() throws Exception {
        int peerPort = Peers.freePort();
        int routePort = Peers.freePort();
        String yaml = """
                destinations:
                  pacs:
                    type: dicom
                    ae_title: PACS
                    host: 127.0.0.1
                    port: %d
                routes:
                  - ae_title: ROUTER
                    port: %d
                    study_timeout_seconds: 1
                    destinations:
                      - destination: pacs
                        retry_count: 30
                        retry_delay_seconds: 1
                """.formatted(peerPort, routePort);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            files.add(Peers.variant(Peers.CORPUS.resolve("CT_small.dcm"), dir.resolve("in/ct" + i + ".dcm"),
                    "1.2.826.0.1.3680043.10.543.7." + i, null));
        }
        Process peer = null;
        try (Engines.Started s = Engines.start(db, Engines.settings(dir.resolve("spool"), "down"), yaml)) {
            // the sender is not affected: the router took responsibility
            assertThat(AckAfterDurableTest.responses(Peers.storescu("ROUTER", routePort, files)))
                    .containsExactly("Success", "Success", "Success", "Success");
            Peers.await(() -> transfer(s).attempts() >= 2 && transfer(s).status().equals("RETRYING"), 20_000,
                    "retries to show in tracking");
            TransferSummary retrying = transfer(s);
            assertThat(retrying.lastError()).isNotEmpty();
            assertThat(retrying.instancesDone()).isZero();
            assertThat(retrying.isFinal()).isFalse();
            assertThat(s.events()).anyMatch(e -> e.state() == TransferState.RETRY_SCHEDULED);
            assertThat(s.engine().health().detail()).contains("4 instance(s) queued");

            peer = Peers.storescp("PACS", peerPort, dir.resolve("pacs"), dir.resolve("pacs.log"));
            Peers.await(() -> transfer(s).status().equals("DONE"), 60_000, "delivery after the peer returned");
            TransferSummary done = transfer(s);
            assertThat(done.instancesDone()).isEqualTo(4);
            assertThat(done.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(Peers.files(dir.resolve("pacs"))).hasSize(4);
            for (Path f : Peers.files(dir.resolve("pacs"))) {
                String name = f.getFileName().toString();
                Path original = files.get(Integer.parseInt(name.substring(name.lastIndexOf('.') + 1)) - 1);
                Peers.assertSameDataset(f, original);
            }
            assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'instance.retry_scheduled'"))
                    .isGreaterThanOrEqualTo(4);
            assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'instance.delivered'")).isEqualTo(4);
        } finally {
            Engines.destroy(peer);
        }
    }

    private static TransferSummary transfer(Engines.Started s) {
        List<TransferSummary> all = s.engine().list(TransferQuery.latest(10));
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
