package org.xnat.router.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

/** Restarts on one real cluster directory: persistence, leftovers of a killed router, conflicts, late servers. */
class RestartAndRecoveryTest {

    @TempDir
    static Path dir;

    private static Path dataDirectory() {
        return dir.resolve("pg");
    }

    private static Path cluster() {
        return dataDirectory().resolve(EmbeddedPostgresServer.CLUSTER_DIR);
    }

    private static RouterDatabase embedded(int port) throws Exception {
        DatabaseSettings settings = DatabaseSettings.parse(DatabaseSettings.Raw.embedded(dataDirectory(), port),
                Placeholders.ofRuntime());
        return new RouterDatabase(Awaits.fastRetry(settings), ds -> { });
    }

    private static RouterDatabase startedEmbedded() throws Exception {
        RouterDatabase db = embedded(0);
        db.start();
        Awaits.up(db);
        return db;
    }

    @Test
    void dataAndSchemaSurviveAStopAndStart() throws Exception {
        String key = "restart-" + UUID.randomUUID();
        long systemId;
        String schema;
        String password;
        try (RouterDatabase first = startedEmbedded()) {
            schema = schemaPart(first.health());
            password = Files.readString(dataDirectory().resolve(EmbeddedPostgresServer.PASSWORD_FILE));
            try (Connection c = first.dataSource().orElseThrow().getConnection();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO settings (key, value) VALUES (?, '42'::jsonb)")) {
                insert.setString(1, key);
                insert.executeUpdate();
                systemId = systemIdentifier(c);
            }
        }
        assertThat(cluster().resolve(StalePostmaster.PID_FILE)).as("clean stop").doesNotExist();
        try (RouterDatabase second = startedEmbedded()) {
            assertThat(schemaPart(second.health())).isEqualTo(schema);
            try (Connection c = second.dataSource().orElseThrow().getConnection();
                 PreparedStatement select = c.prepareStatement("SELECT value::text FROM settings WHERE key = ?")) {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).as("row written before the restart").isTrue();
                    assertThat(rs.getString(1)).isEqualTo("42");
                }
                assertThat(systemIdentifier(c)).as("same cluster, not a new initdb").isEqualTo(systemId);
            }
        }
        assertThat(Files.readString(dataDirectory().resolve(EmbeddedPostgresServer.PASSWORD_FILE))).isEqualTo(password);
    }

    @Test
    void aStalePidFileNamingAnotherLiveProcessDoesNotBlockTheStart() throws Exception {
        try (RouterDatabase init = startedEmbedded()) {
            assertThat(init.health().status()).isEqualTo(HealthStatus.UP);
        }
        // A killed router leaves postmaster.pid; in a container its PID is soon some other process.
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(cluster().resolve(StalePostmaster.PID_FILE), unrelated.pid() + "\n" + cluster()
                    + "\n1700000000\n5432\n\n127.0.0.1\n  5432001    12345\nready   \n");
            try (RouterDatabase db = startedEmbedded()) {
                assertThat(db.health().status()).isEqualTo(HealthStatus.UP);
            }
            assertThat(unrelated.isAlive()).as("an unrelated process is never signalled").isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void anOrphanedServerOfAKilledRouterIsStoppedAndReplaced() throws Exception {
        Path pgCtl;
        try (RouterDatabase init = startedEmbedded()) {
            pgCtl = Path.of(postmaster().info().command().orElseThrow()).resolveSibling("pg_ctl");
        }
        int port = freePort();
        // What a killed JVM leaves: the daemonized server still running on the cluster.
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", cluster().toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''", "-w", "-t", "30", "start"));
        Process pgctl = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("orphan.log").toFile()).start();
        assertThat(pgctl.waitFor(40, TimeUnit.SECONDS)).isTrue();
        assertThat(pgctl.exitValue()).as(Files.readString(dir.resolve("orphan.log"))).isZero();
        ProcessHandle orphan = postmaster();
        assertThat(orphan.isAlive()).isTrue();

        try (RouterDatabase db = startedEmbedded()) {
            assertThat(db.health().status()).isEqualTo(HealthStatus.UP);
            assertThat(orphan.isAlive()).isFalse();
            assertThat(postmaster().pid()).isNotEqualTo(orphan.pid());
        }
    }

    @Test
    void aSecondRouterOnTheSameDirectoryIsRefusedWithAReason() throws Exception {
        try (RouterDatabase running = startedEmbedded(); RouterDatabase second = embedded(0)) {
            second.start();
            HealthReport health = Awaits.downWithReason(second);
            assertThat(health.detail()).contains("is in use by another running router");
            assertThat(running.health().status()).as("the running one is untouched").isEqualTo(HealthStatus.UP);
        }
    }

    @Test
    void aTakenEmbeddedPortIsReportedAtOnce() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             RouterDatabase db = embedded(taken.getLocalPort())) {
            db.start();
            assertThat(Awaits.downWithReason(db).detail())
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ", the port is in use");
        }
    }

    @Test
    void anExternalRouterConnectsOnceTheServerAppears() throws Exception {
        try (RouterDatabase init = startedEmbedded()) {
            assertThat(init.health().status()).isEqualTo(HealthStatus.UP);
        }
        int port = freePort();
        String password = Files.readString(dataDirectory().resolve(EmbeddedPostgresServer.PASSWORD_FILE)).trim();
        DatabaseSettings settings = DatabaseSettings.parse(DatabaseSettings.Raw.external(
                "jdbc:postgresql://127.0.0.1:" + port + "/router", "postgres", password), Placeholders.ofRuntime());
        List<DataSource> published = new ArrayList<>();
        try (RouterDatabase external = new RouterDatabase(Awaits.fastRetry(settings), published::add)) {
            external.start();
            assertThat(Awaits.downWithReason(external).detail()).startsWith("connection refused to 127.0.0.1:" + port);
            assertThat(published).isEmpty();
            try (RouterDatabase server = embedded(port)) {
                server.start();
                assertThat(Awaits.up(server).detail()).contains("127.0.0.1:" + port);
                HealthReport up = Awaits.health(external, r -> r.status() == HealthStatus.UP, Duration.ofSeconds(30));
                assertThat(up.detail()).contains("external").contains("schema at changeset");
                assertThat(published).hasSize(1);
                // When the server goes away, health says so at the next check.
                server.close();
                HealthReport lost = external.health();
                assertThat(lost.status()).isEqualTo(HealthStatus.DOWN);
                assertThat(lost.detail()).startsWith("connection lost");
            }
        }
    }

    private static String schemaPart(HealthReport report) {
        return report.detail().replaceAll("^.*(schema at changeset [^,]*),.*$", "$1");
    }

    private static long systemIdentifier(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT system_identifier FROM pg_control_system()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ProcessHandle postmaster() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(cluster().resolve(StalePostmaster.PID_FILE)).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() throws IOException {
        return ((Number) Files.getAttribute(new File("/proc/self").toPath(), "unix:uid")).intValue() == 0;
    }
}
