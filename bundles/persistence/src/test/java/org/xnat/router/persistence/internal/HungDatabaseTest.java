package org.xnat.router.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

/**
 * A dead or hung PostgreSQL never blocks the router's callers beyond the configured timeouts: the pooled DataSource
 * fails calls, the health says DOWN within seconds, and both recover when the server runs again. "Hung" is real:
 * the postmaster and all its backends get SIGSTOP, so the kernel still accepts connections and nothing answers.
 */
class HungDatabaseTest {

    private static final int CONNECT = 2;
    private static final int SOCKET = 3;
    private static final int CONNECTION_WAIT = 1;
    private static final int STORE = 2;
    private static final int IDLE_IN_TRANSACTION = 1;

    @TempDir
    Path dir;

    private RouterDatabase started() throws Exception {
        DatabaseSettings settings = DatabaseSettings.parse(DatabaseSettings.Raw.embedded(dir.resolve("pg"), 0)
                .withTimeouts(CONNECT, SOCKET, CONNECTION_WAIT, STORE, IDLE_IN_TRANSACTION), Placeholders.ofRuntime());
        RouterDatabase db = new RouterDatabase(Awaits.fastRetry(settings), ds -> { });
        db.start();
        Awaits.up(db);
        return db;
    }

    private Path cluster() {
        return dir.resolve("pg").resolve(EmbeddedPostgresServer.CLUSTER_DIR);
    }

    @Test
    void everyPooledSessionCarriesTheServerSideBounds() throws Exception {
        try (RouterDatabase db = started()) {
            DataSource pool = db.dataSource().orElseThrow();
            assertThat(show(pool, "statement_timeout")).isEqualTo(SOCKET + "s");
            assertThat(show(pool, "idle_in_transaction_session_timeout")).isEqualTo(IDLE_IN_TRANSACTION + "s");
            // a session left inside a transaction is ended by the server, releasing what it holds
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("SELECT 1");
                Thread.sleep(IDLE_IN_TRANSACTION * 1000L + 1500);
                assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOf(SQLException.class);
            }
            // a statement running longer than the socket timeout is cancelled by the server
            long start = System.nanoTime();
            assertThatThrownBy(() -> query(pool, "SELECT pg_sleep(" + (SOCKET + 5) + ")"))
                    .isInstanceOf(SQLException.class);
            assertThat(seconds(start)).isLessThan(SOCKET + 2.0);
            assertThat(query(pool, "SELECT 1")).as("the pool still works").isEqualTo("1");
        }
    }

    @Test
    void aHungServerFailsCallsWithinTheBoundsAndTheHealthRecovers() throws Exception {
        try (RouterDatabase db = started()) {
            DataSource pool = db.dataSource().orElseThrow();
            assertThat(query(pool, "SELECT 1")).isEqualTo("1");
            // the worst case of one call: waiting for a connection (validations included), then one read
            double bound = 1.5 * CONNECTION_WAIT + SOCKET;
            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<ProcessHandle> frozen = PostgresProcesses.freeze(cluster());
            try {
                long start = System.nanoTime();
                List<Future<Object>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(callers.submit(() -> query(pool, "SELECT 1")));
                }
                for (Future<Object> call : calls) {
                    assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS))
                            .as("no call succeeds against a stopped server").hasCauseInstanceOf(SQLException.class);
                }
                assertThat(seconds(start)).as("every call failed within 3 x its bound").isLessThan(3 * bound);

                for (int i = 0; i < 3; i++) {
                    long check = System.nanoTime();
                    HealthReport health = db.health();
                    assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
                    assertThat(seconds(check)).as("health check %d", i).isLessThan(4.0);
                }
            } finally {
                PostgresProcesses.thaw(frozen);
                callers.shutdownNow();
            }
            HealthReport recovered = Awaits.health(db, r -> r.status() == HealthStatus.UP, Duration.ofSeconds(30));
            assertThat(recovered.detail()).contains("PostgreSQL");
            Awaits.health(db, r -> {
                try {
                    return "1".equals(query(pool, "SELECT 1"));
                } catch (SQLException e) {
                    return false;
                }
            }, Duration.ofSeconds(30));
        }
    }

    @Test
    void aDeadServerFailsCallsWithinTheConnectionWait() throws Exception {
        try (RouterDatabase db = started()) {
            DataSource pool = db.dataSource().orElseThrow();
            assertThat(query(pool, "SELECT 1")).isEqualTo("1");
            ProcessHandle postmaster = PostgresProcesses.postmaster(cluster());
            PostgresProcesses.signal("INT", List.of(postmaster)); // fast shutdown
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            Thread.sleep(600); // idle connections older than the pool's fast path are validated first

            long start = System.nanoTime();
            assertThatThrownBy(() -> query(pool, "SELECT 1")).isInstanceOf(SQLException.class);
            assertThat(seconds(start)).isLessThan(3 * 1.5 * CONNECTION_WAIT);
            long check = System.nanoTime();
            assertThat(db.health().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(seconds(check)).isLessThan(4.0);
        }
    }

    private static String show(DataSource pool, String setting) throws SQLException {
        return query(pool, "SHOW " + setting);
    }

    private static String query(DataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
