package org.xnat.router.rest.admin.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    private static String entry(int i, String level, String message) {
        return String.format("2026-11-28T01:48:%02d,649 | %-5s | main             | Some                             | 18 - x - 1 | %s",
                i % 60, level, message);
    }

    @Test
    void lastLinesOldestFirstAcrossChunks(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            lines.add(entry(i, "INFO", "message " + i));
        }
        Path f = dir.resolve("karaf.log");
        Files.write(f, lines);
        LogTail.Result r = LogTail.tail(f, 3, null, 16 << 20);
        assertThat(r.lines()).containsExactly(lines.get(4997), lines.get(4998), lines.get(4999));
        assertThat(r.complete()).isTrue();
        assertThat(LogTail.tail(f, 5000, null, 16 << 20).lines()).isEqualTo(lines);
        assertThat(LogTail.tail(f, 6000, null, 16 << 20).lines()).hasSize(5000);
    }

    @Test
    void levelFilterKeepsStackTracesWithTheirEntry(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("karaf.log");
        Files.write(f, List.of(
                "Nov 28, 2026 1:48:53 AM org.apache.karaf.main.Main launch",
                entry(1, "INFO", "started"),
                entry(2, "ERROR", "delivery failed"),
                "java.io.IOException: refused",
                "\tat x.y.Z(Z.java:1)",
                entry(3, "DEBUG", "noise"),
                "\tat noise.Trace(T.java:2)",
                entry(4, "WARN", "slow"),
                entry(5, "INFO", "done")));
        assertThat(LogTail.tail(f, 100, "warn", 1 << 20).lines()).containsExactly(
                entry(2, "ERROR", "delivery failed"), "java.io.IOException: refused", "\tat x.y.Z(Z.java:1)",
                entry(4, "WARN", "slow"));
        assertThat(LogTail.tail(f, 100, "ERROR", 1 << 20).lines()).hasSize(3);
        assertThat(LogTail.tail(f, 1, "info", 1 << 20).lines()).containsExactly(entry(5, "INFO", "done"));
        assertThat(LogTail.tail(f, 100, null, 1 << 20).lines()).hasSize(9)
                .startsWith("Nov 28, 2026 1:48:53 AM org.apache.karaf.main.Main launch");
    }

    @Test
    void theScanStopsAtTheByteBudget(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lines.add(entry(i, i == 0 ? "ERROR" : "INFO", "message " + i));
        }
        Path f = dir.resolve("karaf.log");
        Files.write(f, lines);
        LogTail.Result r = LogTail.tail(f, 10, "ERROR", 10_000);
        assertThat(r.lines()).isEmpty();
        assertThat(r.complete()).isFalse();
        assertThat(LogTail.tail(f, 10, "ERROR", 1 << 20).lines()).containsExactly(lines.get(0));
    }

    @Test
    void emptyFile(@TempDir Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("karaf.log"));
        assertThat(LogTail.tail(f, 10, null, 1 << 20).lines()).isEmpty();
    }
}
