package org.xnat.router.rest.admin.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsResourceTest {

    private static int status(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (WebApplicationException e) {
            return e.getResponse().getStatus();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tailValidatesItsParameters(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("karaf.log"), "2026-11-28T01:48:59,649 | WARN  | t | C | b | careful\n");
        LogsResource logs = new LogsResource(dir, "karaf.log");
        Map<String, Object> out = logs.tail("10", "warn");
        assertThat((List<String>) out.get("lines")).singleElement().asString().contains("careful");
        assertThat(out.get("level")).isEqualTo("WARN");
        assertThat(status(() -> logs.tail("0", null))).isEqualTo(400);
        assertThat(status(() -> logs.tail("5001", null))).isEqualTo(400);
        assertThat(status(() -> logs.tail("many", null))).isEqualTo(400);
        assertThat(status(() -> logs.tail(null, "loud"))).isEqualTo(400);
        assertThat(status(() -> new LogsResource(dir, "absent.log").tail(null, null))).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void filesAreListedAndDownloadedButNothingOutsideTheDirectory(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("log"));
        Files.writeString(dir.resolve("karaf.log"), "hello\n");
        Files.writeString(dir.resolve("karaf.log.1"), "older\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(root.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(dir.resolve("link.log"), root.resolve("secret.txt"));
        LogsResource logs = new LogsResource(dir, "karaf.log");
        List<Map<String, Object>> files = (List<Map<String, Object>>) logs.files().get("files");
        assertThat(files).extracting(f -> f.get("name")).containsExactly("karaf.log", "karaf.log.1");
        assertThat(files.get(0).get("size")).isEqualTo(6L);
        Response r = logs.download("karaf.log.1");
        assertThat(r.getStatus()).isEqualTo(200);
        try (InputStream in = (InputStream) r.getEntity()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("older\n");
        }
        for (String bad : new String[] {"../secret.txt", "..", ".hidden", "sub/karaf.log", "a\\b", "%2e%2e"}) {
            assertThat(status(() -> logs.download(bad))).as(bad).isEqualTo(400);
        }
        assertThat(status(() -> logs.download("link.log"))).isEqualTo(404);
        assertThat(status(() -> logs.download("sub"))).isEqualTo(404);
        assertThat(status(() -> logs.download("nothing.log"))).isEqualTo(404);
        assertThatThrownBy(() -> logs.resolve("x".repeat(300))).isInstanceOf(WebApplicationException.class);
    }

    @Test
    void aMissingDirectoryHasNoFiles(@TempDir Path root) {
        assertThat((List<?>) new LogsResource(root.resolve("none"), "karaf.log").files().get("files")).isEmpty();
    }
}
