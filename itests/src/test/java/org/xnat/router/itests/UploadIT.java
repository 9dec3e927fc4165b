package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Assume;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Uploads on a real router, as a browser or a script sends them: a ZIP of pydicom corpus files as the whole body,
 * a folder upload (multipart with relative paths) carrying a TAR.GZ, the stored studies, "move to import" into a
 * file destination, delete and purge; a zip-slip ZIP refused with nothing written outside the storage area; roles
 * (viewer 403, operator uploads, admin purges); the audit trail. Also proves commons-compress resolves and works
 * inside Karaf (ZIP through its ZipFile, TAR.GZ through its gzip and TAR readers).
 */
public class UploadIT {

    private static final String ROUTE_AE = "UPLOADIT";
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final String BOUNDARY = "----WebKitFormBoundaryUploadIT7xQ";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    public void uploadStoreMoveToImportAndRefuseHostileArchives() throws Exception {
        Assume.assumeTrue("pydicom is installed by .ci/run", Files.isDirectory(CORPUS) && Files.isExecutable(PYTHON));
        Path data = RouterProcess.newDataDirectory("upload-");
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
        Map<String, String> sopOf = new LinkedHashMap<>();
        for (String f : List.of("CT_small.dcm", "MR_small.dcm", "rtplan.dcm")) {
            sopOf.put(f, tag(CORPUS.resolve(f), "SOPInstanceUID"));
        }
        String ctStudy = tag(CORPUS.resolve("CT_small.dcm"), "StudyInstanceUID");

        try (RouterProcess router = new RouterProcess(data, config)) {
            router.startAndAwaitUp();
            String operator = createKey(router, "uploader", "operator");
            String viewer = createKey(router, "watcher", "viewer");
            String base = "/api/storage/" + ROUTE_AE;

            // a ZIP as the whole body: two instances and a note
            byte[] zip = zip(Map.of("exam/ct/CT_small.dcm", bytes("CT_small.dcm"),
                    "exam/mr/MR_small.dcm", bytes("MR_small.dcm"), "exam/README.txt", "a note".getBytes()));
            HttpResponse<String> denied = router.api("POST", base + "/uploads", viewer, "application/zip", zip);
            assertEquals(denied.body(), 403, denied.statusCode());
            HttpResponse<String> up = router.api("POST", base.toLowerCase() + "/uploads", operator, "application/zip", zip);
            assertEquals(up.body(), 201, up.statusCode());
            JsonNode r = json.readTree(up.body());
            assertEquals(up.body(), ROUTE_AE, r.get("route").asText());
            assertEquals(up.body(), 1, r.get("archivesExtracted").asInt());
            assertEquals(up.body(), 2, r.get("filesStored").asInt());
            assertEquals(up.body(), 2, r.get("studiesFound").asInt());
            assertEquals(up.body(), "upload!exam/README.txt",
                    r.get("rejected").get(0).get("file").asText());

            // a folder upload the way a browser sends it, with a TAR.GZ among the files
            byte[] tgz = tgz("plans/rtplan.dcm", bytes("rtplan.dcm"));
            byte[] multipart = multipart(Map.of("folder/sub/notes.txt", "x".getBytes(), "folder/plans.tar.gz", tgz));
            HttpResponse<String> folder = router.api("POST", base + "/uploads", operator,
                    "multipart/form-data; boundary=" + BOUNDARY, multipart);
            assertEquals(folder.body(), 201, folder.statusCode());
            JsonNode f = json.readTree(folder.body());
            assertEquals(folder.body(), 2, f.get("filesReceived").asInt());
            assertEquals(folder.body(), 1, f.get("archivesExtracted").asInt());
            assertEquals(folder.body(), 1, f.get("filesStored").asInt());

            HttpResponse<String> listed = router.api("GET", base + "/studies?state=stored", viewer, null, null);
            assertEquals(listed.body(), 200, listed.statusCode());
            JsonNode studies = json.readTree(listed.body()).get("studies");
            assertEquals(listed.body(), 3, studies.size());
            for (JsonNode s : studies) {
                assertEquals(s.toString(), "uploader", s.get("uploadedBy").asText());
                assertEquals(s.toString(), 1, s.get("instances").asInt());
                assertTrue(s.toString(), s.get("bytes").asLong() > 0);
            }

            // a zip-slip ZIP: refused, nothing outside the storage area, nothing left inside it
            Set<String> before = tree(data.resolve("storage"));
            byte[] slip = zip(Map.of("ok.dcm", bytes("CT_small.dcm"), "../../evil.dcm", bytes("MR_small.dcm")));
            HttpResponse<String> bad = router.api("POST", base + "/uploads", operator, "application/zip", slip);
            assertEquals(bad.body(), 400, bad.statusCode());
            assertTrue(bad.body(), json.readTree(bad.body()).get("error").asText()
                    .contains("entry '../../evil.dcm' escapes the target directory"));
            assertEquals("the storage area is as before the refused upload", before, tree(data.resolve("storage")));
            try (Stream<Path> s = Files.walk(data.getParent())) {
                List<Path> evil = s.filter(p -> p.getFileName().toString().equals("evil.dcm")).toList();
                assertTrue("no evil.dcm anywhere: " + evil, evil.isEmpty());
            }
            assertFalse(Files.exists(data.resolve("evil.dcm")));
            assertFalse(Files.exists(data.getParent().resolve("evil.dcm")));
            try (Stream<Path> s = Files.list(data.resolve("storage/.incoming"))) {
                assertEquals("no upload left half-done", 0, s.count());
            }

            // move to import: one study, then all stored ones; the files land in the destination
            HttpResponse<String> one = router.api("POST", base + "/studies/" + ctStudy + "/import", operator, null, null);
            assertEquals(one.body(), 202, one.statusCode());
            HttpResponse<String> all = router.api("POST", base + "/import", operator, null, null);
            assertEquals(all.body(), 202, all.statusCode());
            List<Path> delivered = awaitFiles(out, 3);
            Set<String> deliveredSops = new HashSet<>();
            for (Path d : delivered) {
                deliveredSops.add(tag(d, "SOPInstanceUID"));
            }
            assertEquals(new HashSet<>(sopOf.values()), deliveredSops);
            JsonNode left = null;
            for (int i = 0; i < 120; i++) {
                left = json.readTree(router.api("GET", base + "/studies", viewer, null, null).body()).get("studies");
                if (left.size() == 0) {
                    break;
                }
                Thread.sleep(250);
            }
            assertEquals("imported studies leave the storage area: " + left, 0, left.size());

            // delete to the trash, purge (admin only)
            router.api("POST", base + "/uploads?filename=ct.dcm", operator, "application/dicom", bytes("CT_small.dcm"));
            HttpResponse<String> del = router.api("DELETE", base + "/studies/" + ctStudy, operator, null, null);
            assertEquals(del.body(), 204, del.statusCode());
            JsonNode overview = json.readTree(router.api("GET", "/api/storage", viewer, null, null).body());
            assertEquals(overview.toString(), 1, overview.get("trash").get("studies").asInt());
            HttpResponse<String> opPurge = router.api("POST", "/api/storage/trash/purge", operator, null, null);
            assertEquals(opPurge.body(), 403, opPurge.statusCode());
            HttpResponse<String> purge = router.admin("POST", "/api/storage/trash/purge", null);
            assertEquals(purge.body(), 200, purge.statusCode());
            assertEquals(purge.body(), 1, json.readTree(purge.body()).get("purged").asInt());

            HttpResponse<String> unknown = router.api("GET", "/api/storage/NOPE/studies", viewer, null, null);
            assertEquals(unknown.body(), 404, unknown.statusCode());

            try (Connection c = router.connect();
                 PreparedStatement ps = c.prepareStatement("SELECT action, count(*) FROM audit_log"
                         + " WHERE action LIKE 'storage.%' GROUP BY action");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, Integer> actions = new LinkedHashMap<>();
                while (rs.next()) {
                    actions.put(rs.getString(1), rs.getInt(2));
                }
                assertEquals(actions.toString(), Integer.valueOf(3), actions.get("storage.upload"));
                assertEquals(actions.toString(), Integer.valueOf(1), actions.get("storage.upload.refused"));
                assertEquals(actions.toString(), Integer.valueOf(1), actions.get("storage.study.delete"));
                assertEquals(actions.toString(), Integer.valueOf(1), actions.get("storage.trash.purge"));
                assertTrue(actions.toString(), actions.get("storage.study.import") >= 3);
            }
        }
    }

    private String createKey(RouterProcess router, String name, String role) throws Exception {
        HttpResponse<String> r = router.admin("POST", "/api/keys",
                json.writeValueAsString(Map.of("name", name, "role", role)));
        assertEquals(r.body(), 201, r.statusCode());
        return json.readTree(r.body()).get("key").asText();
    }

    private static byte[] bytes(String corpusFile) throws IOException {
        return Files.readAllBytes(CORPUS.resolve(corpusFile));
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    /** A TAR.GZ of one file, ustar format written by hand (the test has no archive library). */
    private static byte[] tgz(String name, byte[] content) throws IOException {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", System.currentTimeMillis() / 1000));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte x : header) {
            sum += x & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(header);
            gz.write(content);
            gz.write(new byte[(512 - content.length % 512) % 512]);
            gz.write(new byte[1024]);
        }
        return b.toByteArray();
    }

    private static void put(byte[] to, int at, String s) {
        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, to, at, v.length);
    }

    private static byte[] multipart(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.forEach((name, data) -> {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(data);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static Set<String> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static String tag(Path file, String keyword) throws Exception {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c",
                "import pydicom,sys\nprint(pydicom.dcmread(sys.argv[1],stop_before_pixels=True,force=True)."
                        + keyword + ")", file.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("pydicom failed on " + file + ": " + text);
        }
        return text;
    }

    private static List<Path> awaitFiles(Path dir, int n) throws Exception {
        List<Path> files = new ArrayList<>();
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
}
