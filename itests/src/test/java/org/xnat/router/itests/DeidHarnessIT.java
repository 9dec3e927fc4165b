package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Assume;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The de-identification test harness on a real router: pydicom's CT_small is sent with dcmtk's storescu to a route
 * whose destination is a DICOM peer that is down (so the instance stays in the spool), then tried through
 * {@code POST /api/deid/test} by its SOP Instance UID with the {@code hipaa_standard} script, a {@code ps315}
 * processor and the route destination's own chain (tag modifications + {@code anonymize}), as an upload, and through
 * {@code router:deid-test --sop --route --destination}. Nothing is delivered, the spool file keeps its bytes and
 * mtime; a viewer gets 403, an unknown instance 404, an invalid processor 400.
 */
public class DeidHarnessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path STORESCU = Path.of("/usr/bin/storescu");
    private static final Path CT = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");
    private static final String CT_SOP = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";
    private static final String ROUTE = "DEIDTEST";

    @Test
    public void triesDeidentificationOnAStoredInstanceWithoutSendingAnything() throws Exception {
        Assume.assumeTrue("dcmtk and pydicom's corpus are installed by .ci/run",
                Files.isExecutable(STORESCU) && Files.isRegularFile(CT));
        Path data = RouterProcess.newDataDirectory("deid-harness-");
        int routePort = RouterDistribution.freePort();
        int downPort = RouterDistribution.freePort(); // nothing listens there: the peer is down
        Path config = data.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "resilience:",
                "  max_retries: 100",
                "destinations:",
                "  pacs:",
                "    type: dicom",
                "    ae_title: PACS",
                "    host: 127.0.0.1",
                "    port: " + downPort,
                "routes:",
                "  - ae_title: " + ROUTE,
                "    port: " + routePort,
                "    tag_modifications:",
                "      - tag: \"(0008,1030)\"",
                "        action: set",
                "        value: FROM-ROUTE",
                "    destinations:",
                "      - destination: pacs",
                "        anonymize: true",
                ""));
        try (RouterProcess router = new RouterProcess(data, config)) {
            router.startAndAwaitUp();
            String sent = storescu(routePort, CT);
            assertTrue(sent, sent.contains("Received Store Response (Success)"));
            Path spoolFile = data.resolve("spool").resolve(spoolPath(router));
            byte[] bytes = Files.readAllBytes(spoolFile);
            long mtime = Files.getLastModifiedTime(spoolFile).toMillis();

            // the hipaa_standard script on the stored instance
            JsonNode script = ok(router.admin("POST", "/api/deid/test", "{\"processor\": {\"type\": \"dicomedit\","
                    + " \"script\": \"hipaa_standard\"}, \"instance\": {\"sop_instance_uid\": \"" + CT_SOP + "\"}}"));
            assertEquals(script.toString(), "spool", script.path("instance").path("source").asText());
            assertEquals(ROUTE, script.path("instance").path("route").asText());
            assertTrue(script.toString(), script.path("refused").isNull());
            assertEquals(false, script.path("forwarded").asBoolean(true));
            assertChange(script, "PatientName", "CompressedSamples^CT1", "ANONYMOUS");
            assertChange(script, "PatientID", "1CT1", "ANONYMOUS");

            // a ps315 processor replaces the UIDs
            JsonNode ps315 = ok(router.admin("POST", "/api/deid/test", "{\"processor\": {\"type\": \"ps315\","
                    + " \"uid_key\": \"it-key\"}, \"instance\": {\"sop_instance_uid\": \"" + CT_SOP + "\"}}"));
            for (String uid : List.of("SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID")) {
                JsonNode c = change(ps315, uid);
                assertTrue(uid + ": " + c, c.path("after").asText().startsWith("2.25.")
                        && !c.path("after").asText().equals(c.path("before").asText()));
            }
            assertTrue(ps315.toString(), !ps315.toString().contains("it-key"));

            // the route destination's own chain: the route's tag modification, then anonymize (hipaa_standard)
            JsonNode chain = ok(router.admin("POST", "/api/deid/test", "{\"route\": \"" + ROUTE + "\", \"destination\":"
                    + " \"pacs\", \"instance\": {\"sop_instance_uid\": \"" + CT_SOP + "\"}}"));
            assertEquals(chain.toString(), "route", chain.path("processor").path("kind").asText());
            assertEquals("[\"tag-modifications\",\"dicomedit\"]",
                    JSON.writeValueAsString(chain.path("processor").path("steps").findValuesAsText("type")));
            assertChange(chain, "StudyDescription", null, "FROM-ROUTE");
            assertChange(chain, "PatientName", "CompressedSamples^CT1", "ANONYMOUS");

            // an upload as application/dicom and as multipart/form-data, the processor in the query
            byte[] ct = Files.readAllBytes(CT);
            JsonNode upload = ok(router.api("POST", "/api/deid/test?type=ps315&retain_uids=true", RouterProcess.ADMIN_API_KEY,
                    "application/dicom", ct));
            assertEquals("upload", upload.path("instance").path("source").asText());
            assertTrue(upload.toString(), !upload.toString().contains("\"SOPInstanceUID\""));
            String boundary = "deid-it-boundary";
            ByteArrayOutputStream multipart = new ByteArrayOutputStream();
            multipart.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ct.dcm\"\r\n"
                    + "Content-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            multipart.write(ct);
            multipart.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            JsonNode mp = ok(router.api("POST", "/api/deid/test?route=" + ROUTE + "&destination=pacs",
                    RouterProcess.ADMIN_API_KEY, "multipart/form-data; boundary=" + boundary, multipart.toByteArray()));
            assertChange(mp, "StudyDescription", null, "FROM-ROUTE");

            // the shell command, through the admin bundle's sources
            RouterProcess.Result shell = router.shell("router:deid-test --sop " + CT_SOP + " --route " + ROUTE
                    + " --destination pacs");
            assertTrue(shell.output(), shell.output().contains("route " + ROUTE + " -> pacs on " + CT_SOP)
                    && shell.output().contains("[FROM-ROUTE]") && shell.output().contains("[ANONYMOUS]"));

            // roles and errors
            String viewer = key(router, "it-viewer", "viewer");
            String operator = key(router, "it-operator", "operator");
            String body = "{\"processor\": {\"type\": \"ps315\"}, \"instance\": {\"sop_instance_uid\": \"" + CT_SOP + "\"}}";
            assertEquals(403, router.api("POST", "/api/deid/test", viewer, "application/json",
                    body.getBytes(StandardCharsets.UTF_8)).statusCode());
            assertEquals(200, router.api("POST", "/api/deid/test", operator, "application/json",
                    body.getBytes(StandardCharsets.UTF_8)).statusCode());
            HttpResponse<String> unknown = router.admin("POST", "/api/deid/test", "{\"processor\": {\"type\": \"ps315\"},"
                    + " \"instance\": {\"sop_instance_uid\": \"1.2.3.999\"}}");
            assertEquals(unknown.body(), 404, unknown.statusCode());
            HttpResponse<String> invalid = router.admin("POST", "/api/deid/test", "{\"processor\": {\"type\": \"ps315\","
                    + " \"retain_uids\": \"maybe\"}, \"instance\": {\"sop_instance_uid\": \"" + CT_SOP + "\"}}");
            assertEquals(invalid.body(), 400, invalid.statusCode());
            assertTrue(invalid.body(), invalid.body().contains("retain_uids"));
            HttpResponse<String> badType = router.admin("POST", "/api/deid/test", "{\"processor\": {\"type\": \"file\"},"
                    + " \"instance\": {\"sample\": \"ct_small\"}}");
            assertEquals(badType.body(), 400, badType.statusCode());

            // audited, nothing delivered, the spool file untouched
            try (Connection c = router.connect()) {
                assertTrue(count(c, "SELECT count(*) FROM audit_log WHERE action = 'deid.test'") >= 6);
                assertEquals(0, count(c, "SELECT count(*) FROM transfer_instances WHERE status = 'DONE'"));
                assertEquals(1, count(c, "SELECT count(*) FROM spool_files"));
            }
            assertTrue("the spool file's bytes", java.util.Arrays.equals(bytes, Files.readAllBytes(spoolFile)));
            assertEquals("the spool file's mtime", mtime, Files.getLastModifiedTime(spoolFile).toMillis());
        }
    }

    private static void assertChange(JsonNode result, String keyword, String before, String after) {
        JsonNode c = change(result, keyword);
        if (before != null) {
            assertEquals(keyword + ": " + c, before, c.path("before").asText());
        }
        assertEquals(keyword + ": " + c, after, c.path("after").asText());
    }

    private static JsonNode change(JsonNode result, String keyword) {
        for (JsonNode c : result.path("changes")) {
            if (keyword.equals(c.path("keyword").asText())) {
                return c;
            }
        }
        throw new AssertionError("no change of " + keyword + " in " + result);
    }

    /** The spool path of CT_small, once the router recorded it. */
    private static String spoolPath(RouterProcess router) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            try (Connection c = router.connect(); PreparedStatement ps = c.prepareStatement(
                    "SELECT path FROM spool_files WHERE sop_instance_uid = ? AND deleted_at IS NULL")) {
                ps.setString(1, CT_SOP);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("CT_small never appeared in spool_files");
    }

    private static long count(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        if (r.statusCode() != 200) {
            fail(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static String key(RouterProcess router, String name, String role) throws Exception {
        HttpResponse<String> r = router.admin("POST", "/api/keys", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        assertEquals(r.body(), 201, r.statusCode());
        return JSON.readTree(r.body()).path("key").asText();
    }

    private static String storescu(int port, Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(STORESCU.toString(), "-v", "-aet", "SENDER", "-aec", ROUTE, "127.0.0.1",
                String.valueOf(port), file.toString()).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("storescu did not finish within 60 s: " + out);
        }
        return out;
    }
}
