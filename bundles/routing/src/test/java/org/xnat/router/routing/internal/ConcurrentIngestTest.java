package org.xnat.router.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.transfer.TransferEvent;
import org.xnat.router.api.transfer.TransferState;
import org.xnat.router.routing.TransferSummary;
import org.xnat.router.routing.internal.route.RoutingDecision;
import org.xnat.router.routing.internal.tracking.ReceivedInstance;
import org.xnat.router.routing.internal.tracking.TrackingStore;
import org.xnat.router.routing.internal.tracking.TransferPolicy;
import org.xnat.router.routing.internal.tracking.TransferQueries;

/**
 * Stores of one study on several associations at once: they join one transfer without waiting for each other
 * (no per-study lock on the hot path), the counts come out right, and the quiet-time finisher never closes a
 * transfer that an uncommitted store is joining.
 */
class ConcurrentIngestTest {

    private static final String STUDY = "1.2.826.0.1.3680043.10.543.99";
    private static final RoutingDecision ROUTED = new RoutingDecision(RoutingDecision.Verdict.ROUTED, List.of(), "",
            List.of());

    @TempDir
    static Path dir;
    static TestDatabase db;

    @BeforeAll
    static void database() throws Exception {
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

    private static ReceivedInstance instance(int n, long size) {
        return new ReceivedInstance("2026/11/28/" + n + ".dcm", size, "ROUTER", "SENDER", "127.0.0.1", "dimse", STUDY,
                STUDY + ".1", STUDY + ".1." + n, "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1");
    }

    private static Map<String, TransferPolicy> policy(int studyTimeoutSeconds) {
        return Map.of("pacs", new TransferPolicy(TransferPolicy.INSTANCE, 0, 1, studyTimeoutSeconds, Map.of()));
    }

    @Test
    void concurrentStoresOfOneStudyShareOneTransferWithExactCounts() throws Exception {
        TrackingStore store = new TrackingStore(db.dataSource());
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<TransferEvent>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                results.add(pool.submit(() -> {
                    List<TransferEvent> opened = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        opened.addAll(store.recordIngest(instance(base + i, 1000 + base + i), ROUTED, policy(30))
                                .transferEvents());
                    }
                    return opened;
                }));
            }
            List<TransferEvent> opened = new ArrayList<>();
            for (Future<List<TransferEvent>> f : results) {
                opened.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(opened).hasSize(1);
            assertThat(opened.get(0).state()).isEqualTo(TransferState.QUEUED);
        } finally {
            pool.shutdownNow();
        }
        int total = threads * perThread;
        long bytes = 0;
        for (int n = 0; n < total; n++) {
            bytes += 1000 + n;
        }
        List<TransferSummary> transfers = new TransferQueries(db.dataSource())
                .list(new org.xnat.router.routing.TransferQuery(null, null, STUDY, null, 10, 0));
        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0).fileCount()).isEqualTo(total);
        assertThat(transfers.get(0).totalBytes()).isEqualTo(bytes);
        assertThat(count("SELECT count(*) FROM delivery_queue WHERE state = 'PENDING'")).isEqualTo(total);
        assertThat(count("SELECT count(*) FROM spool_files")).isEqualTo(total);
    }

    @Test
    void joiningDoesNotWaitAndTheFinisherSkipsATransferBeingJoined() throws Exception {
        TrackingStore store = new TrackingStore(db.dataSource());
        long transferId = store.recordIngest(instance(1, 500), ROUTED, policy(0)).transferEvents().get(0).transferId();
        try (Connection joining = db.dataSource().getConnection()) {
            // an ingest that joined the transfer and has not committed yet holds this lock
            joining.setAutoCommit(false);
            try (PreparedStatement ps = joining.prepareStatement("SELECT id FROM transfers WHERE id = ? FOR KEY SHARE")) {
                ps.setLong(1, transferId);
                ps.executeQuery().close();
            }
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                // a second store of the study does not wait for the first one's commit
                Future<TrackingStore.Recorded> second = one.submit(() -> store.recordIngest(instance(2, 700), ROUTED,
                        policy(0)));
                assertThat(second.get(10, TimeUnit.SECONDS).transferEvents()).isEmpty();
            } finally {
                one.shutdownNow();
            }
            execute("UPDATE delivery_queue SET state = 'DONE'");
            Thread.sleep(50);
            assertThat(store.finishQuietTransfers()).isEmpty();
            joining.commit();
        }
        List<TransferEvent> finished = store.finishQuietTransfers();
        assertThat(finished).hasSize(1);
        assertThat(finished.get(0).state()).isEqualTo(TransferState.COMPLETED);
        assertThat(finished.get(0).instancesDone()).isEqualTo(2);
    }

    @Test
    void studyModeMovesTheWholeStudyAndAResentInstanceReplacesItsPendingRow() throws Exception {
        TrackingStore store = new TrackingStore(db.dataSource());
        Map<String, TransferPolicy> study = Map.of("xnat",
                new TransferPolicy(TransferPolicy.STUDY, 0, 1, 600, Map.of()));
        store.recordIngest(instance(1, 100), ROUTED, study);
        execute("UPDATE delivery_queue SET next_attempt_at = now() - interval '1 hour'");
        store.recordIngest(instance(2, 200), ROUTED, study);
        assertThat(count("SELECT count(*) FROM delivery_queue WHERE next_attempt_at > now() + interval '500 seconds'"))
                .as("both rows wait for the quiet time counted from the newest instance").isEqualTo(2);

        execute("UPDATE delivery_queue SET next_attempt_at = now() - interval '1 hour'");
        ReceivedInstance again = new ReceivedInstance("2026/11/28/1-again.dcm", 150, "ROUTER", "SENDER", "127.0.0.1",
                "dimse", STUDY, STUDY + ".1", STUDY + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1");
        long spoolId = store.recordIngest(again, ROUTED, study).spoolFileId();
        assertThat(count("SELECT count(*) FROM delivery_queue")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM delivery_queue WHERE next_attempt_at > now() + interval '500 seconds'"))
                .isEqualTo(2);
        assertThat(count("SELECT spool_file_id FROM delivery_queue WHERE sop_instance_uid = '" + STUDY + ".1.1'"))
                .isEqualTo(spoolId);
        assertThat(count("SELECT count(*) FROM transfer_instances")).isEqualTo(2);
        assertThat(count("SELECT sum(file_size) FROM transfer_instances")).isEqualTo(350);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'instance.received'")).isEqualTo(3);
    }

    @Test
    void nothingIsRecordedWhenTheSpoolFileCouldNotBeForcedToDisk() throws Exception {
        TrackingStore store = new TrackingStore(db.dataSource());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.recordIngest(instance(1, 100), ROUTED, policy(30),
                () -> {
                    throw new java.io.IOException("fsync failed");
                })).isInstanceOf(java.io.IOException.class).hasMessage("fsync failed");
        assertThat(count("SELECT count(*) FROM spool_files")).isZero();
        assertThat(count("SELECT count(*) FROM transfers")).isZero();
        assertThat(count("SELECT count(*) FROM delivery_queue")).isZero();
        assertThat(count("SELECT count(*) FROM audit_log")).isZero();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }
}
