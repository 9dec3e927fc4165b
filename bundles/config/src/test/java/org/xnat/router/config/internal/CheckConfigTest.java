package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return CheckConfig.check(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void anInvalidFileIsRefusedWithFileLineAndField() throws Exception {
        int code = check("""
                destinations:
                  archive: !<file>
                    path: /tmp/x
                routes:
                  - ae_title: ROUTER
                    port: 11112
                    destinations:
                      - destination: nowhere
                """);
        assertThat(code).isEqualTo(2);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("config.yaml:8").contains("routes[0].destinations[0].destination").contains("nowhere");
    }

    @Test
    void theShippedExampleIsAccepted() throws Exception {
        Path example = Path.of("../../config/config.yaml");
        int code = CheckConfig.check(new String[] {example.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 route(s)");
    }

    @Test
    void aMissingFileIsAnError() {
        int code = CheckConfig.check(new String[] {dir.resolve("absent.yaml").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not found");
    }
}
