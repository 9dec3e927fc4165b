package org.xnat.router.rest.core.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.Role;
import org.xnat.router.testing.TestDatabase;

class AuditLogServiceTest {

    private static TestDatabase db;
    private static AuditLogService audit;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        db = TestDatabase.start(dir.resolve("pg"));
        audit = new AuditLogService(db.dataSource());
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @BeforeEach
    void empty() throws Exception {
        db.execute("TRUNCATE audit_log RESTART IDENTITY");
    }

    private static AuditQuery all(int limit, int offset) {
        return new AuditQuery(null, null, null, null, null, null, limit, offset);
    }

    @Test
    void recordsAreStoredAndQueriedNewestFirstWithTotal() throws Exception {
        Caller alice = new Caller("alice", Role.ADMIN, "127.0.0.1");
        audit.record(alice, "route.update", "route", "ROUTER", Map.of("port", 11112));
        audit.record(alice, "transfer.retry", "transfer", "7", Map.of());
        audit.record("shell:karaf", "transfer.cancel", "transfer", "8", "", null);
        AuditLogService.Page page = audit.query(all(2, 0));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(AuditEntry::action).containsExactly("transfer.cancel", "transfer.retry");
        assertThat(audit.query(all(2, 2)).items()).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.remoteAddress()).isEqualTo("127.0.0.1");
            assertThat(e.detail()).containsEntry("port", 11112);
        });
    }

    @Test
    void filtersByActorActionPrefixTargetAndTime() throws Exception {
        audit.record("alice", "transfer.retry", "transfer", "7", "::1", Map.of());
        audit.record("bob", "transfer.cancel", "transfer", "8", "not-an-ip", Map.of());
        audit.record("bob", "api-key.create", "api-key", "3", "", Map.of("name", "x"));
        assertThat(audit.query(new AuditQuery("bob", null, null, null, null, null, 10, 0)).total()).isEqualTo(2);
        assertThat(audit.query(new AuditQuery(null, "transfer.*", null, null, null, null, 10, 0)).total()).isEqualTo(2);
        assertThat(audit.query(new AuditQuery(null, "transfer.", null, null, null, null, 10, 0)).total()).isEqualTo(2);
        assertThat(audit.query(new AuditQuery(null, "transfer", null, null, null, null, 10, 0)).total()).isZero();
        assertThat(audit.query(new AuditQuery(null, null, "transfer", "8", null, null, 10, 0)).items())
                .singleElement().satisfies(e -> assertThat(e.remoteAddress()).isNull());
        Instant now = Instant.now();
        assertThat(audit.query(new AuditQuery(null, null, null, null, now.minusSeconds(60), now.plusSeconds(60), 10, 0))
                .total()).isEqualTo(3);
        assertThat(audit.query(new AuditQuery(null, null, null, null, now.plusSeconds(60), null, 10, 0)).total()).isZero();
    }

    @Test
    void aDatabaseProblemDoesNotThrow() throws Exception {
        AuditLogService broken = new AuditLogService(new TestDatabaseGone());
        broken.record("alice", "x", "y", "z", "", Map.of());
    }

    @Test
    void queryBoundsAreChecked() {
        assertThatThrownBy(() -> all(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> all(1001, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> all(1, -1)).isInstanceOf(IllegalArgumentException.class);
        Instant t = Instant.now();
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, t, t, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A data source whose database is gone. */
    private static final class TestDatabaseGone implements javax.sql.DataSource {
        @Override public java.sql.Connection getConnection() throws java.sql.SQLException {
            throw new java.sql.SQLException("connection refused");
        }
        @Override public java.sql.Connection getConnection(String u, String p) throws java.sql.SQLException {
            return getConnection();
        }
        @Override public java.io.PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(java.io.PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public java.util.logging.Logger getParentLogger() { return null; }
        @Override public <T> T unwrap(Class<T> iface) { return null; }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
