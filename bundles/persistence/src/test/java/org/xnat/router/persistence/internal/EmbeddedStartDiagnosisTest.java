package org.xnat.router.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How failed starts are explained. The log lines are PostgreSQL 16's own messages; the root case
 * cannot be produced for real where user namespaces work (as here), so it is checked from its text.
 */
class EmbeddedStartDiagnosisTest {

    @TempDir
    Path dir;

    @Test
    void initdbRefusingRootExplainsWhatToDo() throws Exception {
        Path log = dir.resolve("postgres.log");
        Files.writeString(log, "old line from an earlier start: FATAL: something else\n");
        long start = Files.size(log);
        Files.writeString(log, "initdb: error: cannot be run as root\n"
                + "initdb: hint: Please log in (using, e.g., \"su\") as the (unprivileged) user that will own the server process.\n",
                java.nio.file.StandardOpenOption.APPEND);
        String message = EmbeddedPostgresServer.diagnose(new IllegalStateException("Process [initdb] failed"), log, start, dir);
        assertThat(message).contains("refuse to run as root", "unshare -U", "non-root user", "mode = external");
    }

    @Test
    void aServerErrorLineIsQuotedWithTheLogPath() throws Exception {
        Path log = dir.resolve("postgres.log");
        Files.writeString(log, "waiting for server to start....\n"
                + "2026-11-27 22:00:00.000 UTC [123] FATAL:  could not create lock file \"postmaster.pid\": Permission denied\n"
                + "pg_ctl: could not start server\n");
        String message = EmbeddedPostgresServer.diagnose(new java.io.IOException("Gave up waiting"), log, 0, dir);
        assertThat(message).contains("pg_ctl: could not start server").contains(log.toString());
    }

    @Test
    void onlyTheNewPartOfTheLogCounts() throws Exception {
        Path log = dir.resolve("postgres.log");
        Files.writeString(log, "initdb: error: cannot be run as root\n");
        String message = EmbeddedPostgresServer.diagnose(new java.io.IOException("Gave up waiting"), log, Files.size(log), dir);
        assertThat(message).doesNotContain("root").contains("Gave up waiting");
    }
}
