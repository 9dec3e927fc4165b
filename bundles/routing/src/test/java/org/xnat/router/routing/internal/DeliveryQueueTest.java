package org.xnat.router.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.routing.internal.delivery.ClaimedBatch;
import org.xnat.router.routing.internal.delivery.DeliveryQueue;
import org.xnat.router.routing.internal.delivery.QueueRow;

/**
 * The shared PostgreSQL queue: two engines (two connection pools, two owners) never get the same row, and the
 * claims of an engine that stopped renewing its lease are taken over by the other.
 */
class DeliveryQueueTest {

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

    private static long transferWithRows(String destination, int rows, int maxRetries) throws Exception {
        long id;
        try (Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO transfers (study_uid, route_ae, destination,"
                    + " status, metadata, last_received_at) VALUES ('1.2.3', 'ROUTER', ?, 'QUEUED', ?::jsonb, now())"
                    + " RETURNING id")) {
                ps.setString(1, destination);
                ps.setString(2, "{\"delivery\":\"instance\",\"max_retries\":" + maxRetries
                        + ",\"retry_delay_seconds\":0,\"study_timeout_seconds\":1,\"options\":{\"project_id\":\"P1\"}}");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_queue (transfer_id, destination,"
                    + " study_uid, sop_instance_uid, file_path) SELECT ?, ?, '1.2.3', '1.2.3.' || g, 'x/' || g || '.dcm'"
                    + " FROM generate_series(1, ?) g")) {
                ps.setLong(1, id);
                ps.setString(2, destination);
                ps.setInt(3, rows);
                ps.executeUpdate();
            }
        }
        return id;
    }

    @Test
    void twoEnginesNeverDeliverTheSameRow() throws Exception {
        for (int t = 0; t < 5; t++) {
            transferWithRows("pacs", 60, 3);
        }
        // a second pool on the same database: the second engine
        com.zaxxer.hikari.HikariDataSource otherPool = new com.zaxxer.hikari.HikariDataSource();
        otherPool.setJdbcUrl(((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getJdbcUrl());
        otherPool.setUsername("postgres");
        otherPool.setPassword("postgres");
        otherPool.setMaximumPoolSize(10);
        Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                DeliveryQueue q = new DeliveryQueue(i % 2 == 0 ? db.dataSource() : otherPool);
                String owner = (i % 2 == 0 ? "engine-a/" : "engine-b/") + i;
                futures.add(pool.submit(() -> {
                    while (true) {
                        Optional<ClaimedBatch> b = q.claim("pacs", owner, Duration.ofSeconds(30), 7);
                        if (b.isEmpty()) {
                            return null;
                        }
                        Map<Long, DeliveryQueue.Outcome> outcomes = new HashMap<>();
                        for (QueueRow r : b.get().rows()) {
                            deliveries.computeIfAbsent(r.id(), k -> new AtomicInteger()).incrementAndGet();
                            outcomes.put(r.id(), new DeliveryQueue.Outcome(true, 0, null));
                            assertThat(r.transferId()).isEqualTo(b.get().transfer().id());
                        }
                        assertThat(b.get().transfer().policy().options()).containsEntry("project_id", "P1");
                        q.complete(b.get(), owner, outcomes, false, null);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            otherPool.close();
        }
        assertThat(deliveries).hasSize(300);
        assertThat(deliveries.values()).allMatch(n -> n.get() == 1, "each row delivered exactly once");
        assertThat(db.count("SELECT count(*) FROM delivery_queue WHERE state = 'DONE' AND attempts = 1")).isEqualTo(300);
    }

    @Test
    void expiredClaimsAreTakenOverAndTheOldOwnerCannotOverwriteThem() throws Exception {
        transferWithRows("pacs", 5, 3);
        DeliveryQueue a = new DeliveryQueue(db.dataSource());
        DeliveryQueue b = new DeliveryQueue(db.dataSource());
        ClaimedBatch crashed = a.claim("pacs", "engine-a/1", Duration.ofMillis(500), 10).orElseThrow();
        assertThat(crashed.rows()).hasSize(5);
        assertThat(b.claim("pacs", "engine-b/1", Duration.ofSeconds(30), 10)).isEmpty();
        assertThat(b.reapExpired()).isZero();

        Thread.sleep(800);
        assertThat(b.reapExpired()).isEqualTo(5);
        ClaimedBatch taken = b.claim("pacs", "engine-b/1", Duration.ofSeconds(30), 10).orElseThrow();
        assertThat(taken.rows()).extracting(QueueRow::id)
                .containsExactlyElementsOf(crashed.rows().stream().map(QueueRow::id).toList());
        assertThat(taken.rows()).allMatch(r -> r.attempts() == 2);

        // the first engine wakes up: its late outcome must not touch rows it no longer holds
        Map<Long, DeliveryQueue.Outcome> failed = new HashMap<>();
        crashed.rows().forEach(r -> failed.put(r.id(), new DeliveryQueue.Outcome(false, -1, "late")));
        a.complete(crashed, "engine-a/1", failed, false, "late");
        assertThat(db.count("SELECT count(*) FROM delivery_queue WHERE state = 'IN_PROGRESS' AND claimed_by = 'engine-b/1'"))
                .isEqualTo(5);

        Map<Long, DeliveryQueue.Outcome> ok = new HashMap<>();
        taken.rows().forEach(r -> ok.put(r.id(), new DeliveryQueue.Outcome(true, 0, null)));
        b.complete(taken, "engine-b/1", ok, false, null);
        assertThat(db.count("SELECT count(*) FROM delivery_queue WHERE state = 'DONE'")).isEqualTo(5);
    }

    @Test
    void renewedLeasesDoNotExpire() throws Exception {
        transferWithRows("pacs", 3, 3);
        DeliveryQueue a = new DeliveryQueue(db.dataSource());
        a.claim("pacs", "engine-a/1", Duration.ofMillis(600), 10).orElseThrow();
        for (int i = 0; i < 4; i++) {
            Thread.sleep(300);
            assertThat(a.renew("engine-a/1", Duration.ofMillis(600))).isEqualTo(3);
        }
        assertThat(a.reapExpired()).isZero();
        assertThat(a.claim("pacs", "engine-b/1", Duration.ofSeconds(30), 10)).isEmpty();
    }

    @Test
    void retriesUntilTheBudgetIsSpentThenDeadLetterThenManualRetry() throws Exception {
        long transfer = transferWithRows("pacs", 2, 2);
        DeliveryQueue q = new DeliveryQueue(db.dataSource());
        for (int attempt = 1; attempt <= 3; attempt++) {
            ClaimedBatch b = q.claim("pacs", "e/1", Duration.ofSeconds(30), 10).orElseThrow();
            assertThat(b.rows()).allMatch(r -> r.attempts() == b.rows().get(0).attempts());
            q.complete(b, "e/1", Map.of(), true, "connection refused");
        }
        assertThat(q.claim("pacs", "e/1", Duration.ofSeconds(30), 10)).isEmpty();
        assertThat(db.count("SELECT count(*) FROM delivery_queue WHERE state = 'FAILED' AND attempts = 3"
                + " AND last_error = 'connection refused'")).isEqualTo(2);

        assertThat(q.retry(transfer)).isEqualTo(2);
        ClaimedBatch again = q.claim("pacs", "e/1", Duration.ofSeconds(30), 10).orElseThrow();
        assertThat(again.rows()).hasSize(2).allMatch(r -> r.attempts() == 1);
        q.complete(again, "e/1", Map.of(), false, "rejected by peer");
        assertThat(db.count("SELECT count(*) FROM delivery_queue WHERE state = 'FAILED'")).isEqualTo(2);
    }
}
