package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Assume;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Import from disk on a real router, as an operator runs it: {@code ./router import --data DIR --path ... --route
 * ...} into a file destination (a directory whose name needs quoting in the Karaf shell), then the REST API.
 * Every delivered file must hold the data set that was on disk (dcmdump-equal), also for the files without
 * preamble and the bare data set.
 */
public class ImportIT {

    private static final String ROUTE_AE = "IMPORTIT";
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    public void importsADirectoryThroughTheLauncherAndTheApi() throws Exception {
        Assume.assumeTrue("dcmtk and pydicom are installed by .ci/run",
                Storescp.installed() && Files.isDirectory(CORPUS) && Files.isExecutable(PYTHON));
        Path data = RouterProcess.newDataDirectory("import-");
        Path out = data.getParent().resolve(data.getFileName() + "-delivered");
        Path config = data.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "destinations:",
                "  files:",
                "    type: file",
                "    path: " + out,
                "routes:",
                "  - ae_title: " + ROUTE_AE,
                "    port: " + RouterDistribution.freePort(),
                "    study_timeout_seconds: 1",
                "    destinations: [files]",
                ""));
        // the tree: Part 10, Part 10 without preamble, a bare implicit VR data set, two files that are not DICOM
        Path in = data.getParent().resolve(data.getFileName() + "-in dir $HOME 'q'");
        Map<Path, Path> originals = new HashMap<>();
        originals.put(copy(CORPUS.resolve("CT_small.dcm"), in.resolve("ct.dcm")), CORPUS.resolve("CT_small.dcm"));
        byte[] mr = Files.readAllBytes(CORPUS.resolve("MR_small.dcm"));
        Files.createDirectories(in.resolve("series"));
        Files.write(in.resolve("series/mr-no-preamble"), java.util.Arrays.copyOfRange(mr, 128, mr.length));
        originals.put(in.resolve("series/mr-no-preamble"), CORPUS.resolve("MR_small.dcm"));
        bare(CORPUS.resolve("rtplan.dcm"), in.resolve("series/deeper/rtplan.raw"));
        originals.put(in.resolve("series/deeper/rtplan.raw"), CORPUS.resolve("rtplan.dcm"));
        Files.writeString(in.resolve("README.txt"), "a note\n");
        Files.write(in.resolve("series/thumbs.db"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});

        try (RouterProcess router = new RouterProcess(data, config)) {
            RouterProcess.Result noInstance = router.run(List.of("import", "--data", data.toString(), "--path",
                    in.toString(), "--route", ROUTE_AE), 60);
            assertNotEquals(noInstance.output(), 0, noInstance.exitCode());
            assertTrue(noInstance.output(), noInstance.output().contains("no router instance runs with data directory"));

            router.startAndAwaitUp();

            RouterProcess.Result badRoute = router.run(List.of("import", "--data", data.toString(), "--path",
                    in.toString(), "--route", "NOPE"), 120);
            assertNotEquals(badRoute.output(), 0, badRoute.exitCode());
            assertTrue(badRoute.output(), badRoute.output().contains("no route with AE title 'NOPE'"));

            RouterProcess.Result result = router.run(List.of("import", "--data", data.toString(), "--path",
                    in.toString(), "--route", ROUTE_AE.toLowerCase(java.util.Locale.ROOT), "--recursive"), 300);
            assertEquals(result.output(), 0, result.exitCode());
            String output = result.output();
            assertTrue(output, output.contains("Import ") && output.contains(in.toRealPath().toString()));
            List<List<String>> rows = ShellCommandsIT.table(output);
            // the studies table, then the counts table: State, Files, Imported, Filtered, Skipped, Failed, Studies
            List<String> counts = rows.stream().filter(r -> r.get(0).equals("DONE")).findFirst()
                    .orElseThrow(() -> new AssertionError("no summary row in\n" + output));
            assertEquals(output, List.of("DONE", "5", "3", "0", "2", "0", "3"), counts.subList(0, 7));
            assertEquals(output, 3, rows.stream().filter(r -> r.get(0).matches("[0-9.]+")).count());

            // every instance arrives, holding the data set of its source file
            List<Path> delivered = awaitFiles(out, 3);
            Map<String, Path> bySop = new HashMap<>();
            for (Path original : originals.values()) {
                bySop.put(sop(original), original);
            }
            for (Path d : delivered) {
                Path original = bySop.get(sop(d));
                assertNotNull("delivered " + d + " was imported", original);
                assertEquals("data set of " + d, datasetDump(original), datasetDump(d));
            }
            assertTrue("without --move the files stay", Files.exists(in.resolve("series/mr-no-preamble")));
            try (Connection c = router.connect();
                 PreparedStatement ps = c.prepareStatement("SELECT actor, detail->>'imported', detail->>'skipped'"
                         + " FROM audit_log WHERE action = 'import.run'");
                 ResultSet rs = ps.executeQuery()) {
                assertTrue("an audit entry", rs.next());
                assertEquals("shell:admin", rs.getString(1));
                assertEquals("3", rs.getString(2));
                assertEquals("2", rs.getString(3));
            }

            // the REST API: preview, a dry-run job followed to its end, refusals
            HttpResponse<String> scan = router.admin("POST", "/api/imports/scan",
                    json.writeValueAsString(Map.of("path", in.toString(), "recursive", true)));
            assertEquals(scan.body(), 200, scan.statusCode());
            JsonNode preview = json.readTree(scan.body());
            assertEquals(scan.body(), 3, preview.get("studies").size());
            assertEquals(scan.body(), 3, preview.get("imported").asInt());

            HttpResponse<String> started = router.admin("POST", "/api/imports", json.writeValueAsString(Map.of(
                    "path", in.toString(), "route", ROUTE_AE, "recursive", true, "move", true, "dry_run", true)));
            assertEquals(started.body(), 202, started.statusCode());
            String location = started.headers().firstValue("Location").orElseThrow();
            String id = json.readTree(started.body()).get("id").asText();
            assertTrue(location, location.endsWith("/api/imports/" + id));
            JsonNode job = null;
            for (int i = 0; i < 120; i++) {
                job = json.readTree(router.admin("GET", "/api/imports/" + id, null).body());
                if (!job.get("state").asText().equals("SCANNING") && !job.get("state").asText().equals("RUNNING")) {
                    break;
                }
                Thread.sleep(250);
            }
            assertEquals(String.valueOf(job), "DONE", job.get("state").asText());
            assertEquals(String.valueOf(job), 5, job.get("files_total").asInt());
            assertTrue("a dry run deletes nothing", Files.exists(in.resolve("ct.dcm")));
            JsonNode list = json.readTree(router.admin("GET", "/api/imports", null).body());
            assertEquals(list.toString(), id, list.get("imports").get(0).get("id").asText());

            HttpResponse<String> relative = router.admin("POST", "/api/imports",
                    json.writeValueAsString(Map.of("path", "relative/dir", "route", ROUTE_AE)));
            assertEquals(relative.body(), 400, relative.statusCode());
            assertEquals(relative.body(), "path", json.readTree(relative.body()).get("problems").get(0).get("field").asText());
            HttpResponse<String> unknown = router.admin("GET", "/api/imports/no-such-job", null);
            assertEquals(unknown.body(), 404, unknown.statusCode());
            HttpResponse<String> finished = router.admin("DELETE", "/api/imports/" + id, null);
            assertEquals(finished.body(), 409, finished.statusCode());

            RouterProcess.Result moved = router.run(List.of("import", "--data", data.toString(), "--path",
                    in.toString(), "--route", ROUTE_AE, "--recursive", "--move"), 300);
            assertEquals(moved.output(), 0, moved.exitCode());
            List<String> left = new ArrayList<>();
            try (Stream<Path> s = Files.walk(in)) {
                s.filter(Files::isRegularFile).forEach(p -> left.add(in.relativize(p).toString()));
            }
            left.sort(null);
            assertEquals("--move leaves the files that are not DICOM", List.of("README.txt", "series/thumbs.db"), left);
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        return Files.copy(from, to);
    }

    /** The data set of a Part 10 file alone (pydicom cuts preamble and meta information). */
    private static void bare(Path part10, Path target) throws Exception {
        Files.createDirectories(target.getParent());
        run(List.of(PYTHON.toString(), "-c", "import sys\nfrom pydicom import filereader\n"
                + "f=open(sys.argv[1],'rb')\nfilereader.read_preamble(f,False)\nfilereader._read_file_meta_info(f)\n"
                + "open(sys.argv[2],'wb').write(f.read())\n", part10.toString(), target.toString()));
    }

    private static List<Path> awaitFiles(Path dir, int n) throws Exception {
        List<Path> files = List.of();
        for (int i = 0; i < 240; i++) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                            // the file destination writes into .router-tmp first, then renames
                            .filter(p -> !dir.relativize(p).toString().contains(".router-tmp"))
                            .toList();
                } catch (java.io.UncheckedIOException renamedWhileWalking) {
                    files = List.of();
                }
                if (files.size() >= n) {
                    return files;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("expected " + n + " delivered files in " + dir + ", found " + files);
    }

    private static String sop(Path file) throws Exception {
        Matcher m = Pattern.compile("\\(0008,0018\\) UI \\[([0-9.]+)\\]").matcher(datasetDump(file));
        if (!m.find()) {
            throw new AssertionError("no SOP Instance UID in " + file);
        }
        return m.group(1);
    }

    /** dcmdump of the data set only (File Meta Information left out), every value printed in full. */
    private static String datasetDump(Path file) throws Exception {
        String out = run(List.of("dcmdump", "-q", "+L", "+M", file.toString()));
        StringBuilder ds = new StringBuilder();
        boolean inDataset = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("# Dicom-Data-Set")) {
                inDataset = true;
            } else if (inDataset && !line.startsWith("# Used TransferSyntax")) {
                ds.append(line).append('\n');
            }
        }
        assertTrue("dcmdump printed no data set for " + file + ":\n" + out, inDataset);
        return ds.toString();
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd.get(0) + " timed out");
        }
        assertEquals(cmd.get(0) + ": " + out, 0, p.exitValue());
        return out;
    }
}
