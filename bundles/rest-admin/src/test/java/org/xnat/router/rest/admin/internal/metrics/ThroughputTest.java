package org.xnat.router.rest.admin.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.testing.OpenApiCheck;
import org.xnat.router.testing.TestDatabase;

/** The throughput query on a real PostgreSQL with the router schema, rows placed at known minutes. */
class ThroughputTest {

    @TempDir
    static Path dir;
    static TestDatabase db;
    static long transferId;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE transfer_instances, transfers, spool_files RESTART IDENTITY CASCADE");
            s.execute("INSERT INTO transfers (study_uid, route_ae, status) VALUES ('1.2.3', 'ROUTER', 'COMPLETED')");
        }
        transferId = 1;
    }

    private static int seq;

    /** A received instance {@code minutesAgo} minutes before now (0 = this minute). */
    static void received(int minutesAgo, long size) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO spool_files (path, route_ae, source, sop_instance_uid, file_size, status, received_at)"
                        + " VALUES (?, 'ROUTER', 'network', ?, ?, 'ROUTED', date_trunc('minute', now()) - make_interval(mins => ?) + interval '1 second')")) {
            int n = ++seq;
            ps.setString(1, "spool/" + n + ".dcm");
            ps.setString(2, "1.2.3." + n);
            ps.setLong(3, size);
            ps.setInt(4, minutesAgo);
            ps.executeUpdate();
        }
    }

    static void instance(int minutesAgo, long size, String status) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO transfer_instances (transfer_id, sop_instance_uid, file_size, status, updated_at)"
                        + " VALUES (?, ?, ?, ?, date_trunc('minute', now()) - make_interval(mins => ?) + interval '2 seconds')")) {
            ps.setLong(1, transferId);
            ps.setString(2, "1.2.3." + ++seq);
            ps.setLong(3, size);
            ps.setString(4, status);
            ps.setInt(5, minutesAgo);
            ps.executeUpdate();
        }
    }

    @Test
    void countsLandInTheirMinuteAndQuietMinutesAreZero() throws Exception {
        received(0, 100);
        received(0, 50);
        received(5, 1000);
        received(90, 7); // outside the hour
        instance(5, 1000, "DONE");
        instance(3, 400, "DONE");
        instance(3, 999, "FAILED"); // not delivered
        instance(2, 999, "QUEUED");

        List<Throughput.Minute> rows = new Throughput(db.dataSource()).lastMinutes(60);

        assertThat(rows).hasSize(61);
        OffsetDateTime last = rows.get(60).minute();
        assertThat(Duration.between(last.toInstant(), OffsetDateTime.now().toInstant()).abs()).isLessThan(Duration.ofSeconds(61));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).minute()).isEqualTo(rows.get(i - 1).minute().plus(1, ChronoUnit.MINUTES));
        }
        Throughput.Minute now = rows.get(60);
        assertThat(now.receivedInstances()).isEqualTo(2);
        assertThat(now.receivedBytes()).isEqualTo(150);
        assertThat(rows.get(55).receivedInstances()).isEqualTo(1);
        assertThat(rows.get(55).receivedBytes()).isEqualTo(1000);
        assertThat(rows.get(55).deliveredInstances()).isEqualTo(1);
        assertThat(rows.get(57).deliveredInstances()).isEqualTo(1);
        assertThat(rows.get(57).deliveredBytes()).isEqualTo(400);
        assertThat(rows.get(58).deliveredInstances()).isZero();
        long totalReceived = rows.stream().mapToLong(Throughput.Minute::receivedInstances).sum();
        long totalDelivered = rows.stream().mapToLong(Throughput.Minute::deliveredInstances).sum();
        assertThat(totalReceived).isEqualTo(3);
        assertThat(totalDelivered).isEqualTo(2);
    }

    @Test
    void aLongerWindowReachesFurtherBack() throws Exception {
        received(90, 7);
        List<Throughput.Minute> rows = new Throughput(db.dataSource()).lastMinutes(120);
        assertThat(rows).hasSize(121);
        assertThat(rows.get(30).receivedInstances()).isEqualTo(1);
        assertThat(rows.get(30).receivedBytes()).isEqualTo(7);
    }

    @Test
    void minutesOutOfRangeAreRefused() {
        Throughput t = new Throughput(db.dataSource());
        assertThatThrownBy(() -> t.lastMinutes(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 1440");
        assertThatThrownBy(() -> t.lastMinutes(1441)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void resourceAnswersPointsAndTotalsAndRefusesBadInput() throws Exception {
        received(1, 10);
        instance(1, 10, "DONE");
        ThroughputResource resource = new ThroughputResource(db.dataSource());
        Response ok = resource.throughput("15");
        assertThat(ok.getStatus()).isEqualTo(200);
        Map<String, Object> body = (Map<String, Object>) ok.getEntity();
        assertThat(body).containsEntry("minutes", 15);
        assertThat((List<?>) body.get("points")).hasSize(16);
        assertThat((Map<String, Object>) body.get("totals")).containsEntry("received_instances", 1L)
                .containsEntry("received_bytes", 10L).containsEntry("delivered_instances", 1L);
        for (String bad : new String[] {"abc", "0", "-5", "100000", ""}) {
            Response r = resource.throughput(bad);
            assertThat(r.getStatus()).as(bad).isEqualTo(400);
            assertThat((Map<String, Object>) r.getEntity()).containsKey("error");
        }
    }

    @Test
    void fragmentDocumentsTheResource() {
        OpenApiCheck.assertDocuments(MetricsOpenApi.load(), ThroughputResource.class);
    }
}
