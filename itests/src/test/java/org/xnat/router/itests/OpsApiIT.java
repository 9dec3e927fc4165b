package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operations endpoints on a real router: system status (routes, destinations, spool, database), transfers
 * (list filters, detail, cancel), logs (tail, files, download, traversal refused), with 401/403 per role.
 */
public class OpsApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void statusTransfersAndLogs() throws Exception {
        Path data = RouterProcess.newDataDirectory("ops-");
        int dicomPort = RouterDistribution.freePort();
        Path config = data.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "destinations:",
                "  received: !<file>",
                "    path: " + data.resolve("received"),
                "routes:",
                "  - ae_title: OPSIT",
                "    port: " + dicomPort,
                "    study_timeout_seconds: 1",
                "    destinations:",
                "      - destination: received",
                ""));
        try (RouterProcess router = new RouterProcess(data, config)) {
            router.startAndAwaitUp();
            String viewer = key(router, "ops-viewer", "viewer");
            String operator = key(router, "ops-operator", "operator");

            // system status: the route listens, the destination is there with its queue, spool and database known
            JsonNode status = json(router.api("GET", "/api/system/status", viewer, null, null), 200);
            assertEquals("OPSIT", status.path("routes").get(0).path("aeTitle").asText());
            assertEquals(dicomPort, status.path("routes").get(0).path("port").asInt());
            assertTrue(status.toString(), status.path("routes").get(0).path("listening").asBoolean());
            assertEquals("received", status.path("destinations").get(0).path("name").asText());
            assertEquals(0, status.path("destinations").get(0).path("pending").asInt());
            assertTrue(status.toString(), status.path("spool").path("freeBytes").asLong() > 0);
            assertTrue(status.path("spool").path("totalBytes").asLong() >= status.path("spool").path("freeBytes").asLong());
            assertEquals("UP", status.path("database").path("status").asText());
            assertTrue(status.path("jvm").path("heapUsedBytes").asLong() > 0);
            assertEquals(401, router.api("GET", "/api/system/status", null, null, null).statusCode());

            // transfers: one delivered study
            java.util.List<TestInstances.Instance> instances = TestInstances.generate(data.resolve("in"), "opsit", 3, 3, 16);
            try (RecordingSender sender = new RecordingSender(instances, "OPSIT", dicomPort)) {
                sender.allowUpTo(instances.size());
                sender.run();
            }
            JsonNode done = awaitDone(router, viewer);
            long id = done.path("id").asLong();
            assertEquals(instances.get(0).studyInstanceUid(), done.path("studyInstanceUid").asText());
            JsonNode filtered = json(router.api("GET", "/api/transfers?destination=received&study="
                    + instances.get(0).studyInstanceUid() + "&from=2000-01-01T00:00:00Z&limit=1", viewer, null, null), 200);
            assertEquals(1, filtered.path("total").asInt());
            assertEquals(0, json(router.api("GET", "/api/transfers?to=2000-01-01T00:00:00Z", viewer, null, null), 200)
                    .path("total").asInt());
            JsonNode detail = json(router.api("GET", "/api/transfers/" + id, viewer, null, null), 200);
            assertEquals(3, detail.path("instances").size());
            assertEquals("DONE", detail.path("instances").get(0).path("status").asText());
            assertEquals(400, router.api("GET", "/api/transfers?status=lost", viewer, null, null).statusCode());
            assertEquals(400, router.api("GET", "/api/transfers?limit=100000", viewer, null, null).statusCode());
            assertEquals(404, router.api("GET", "/api/transfers/987654", viewer, null, null).statusCode());
            assertEquals(400, router.api("GET", "/api/transfers/abc", viewer, null, null).statusCode());
            assertEquals(401, router.api("GET", "/api/transfers", null, null, null).statusCode());
            // cancel: operator yes (nothing left to cancel), viewer no
            assertEquals(403, router.api("POST", "/api/transfers/" + id + "/cancel", viewer, null, null).statusCode());
            JsonNode cancel = json(router.api("POST", "/api/transfers/" + id + "/cancel", operator, null, null), 200);
            assertEquals(0, cancel.path("cancelled").asInt());
            assertEquals(404, router.api("POST", "/api/transfers/987654/cancel", operator, null, null).statusCode());
            assertEquals(1, json(router.admin("GET", "/api/audit?action=transfer.cancel&actor=ops-operator", null), 200).path("total").asInt());

            // logs
            JsonNode tail = json(router.api("GET", "/api/logs?lines=5", viewer, null, null), 200);
            assertEquals("karaf.log", tail.path("file").asText());
            assertEquals(5, tail.path("lines").size());
            JsonNode infos = json(router.api("GET", "/api/logs?lines=50&level=info", viewer, null, null), 200);
            for (JsonNode line : infos.path("lines")) {
                assertTrue(line.asText(), !line.asText().contains("| DEBUG |") && !line.asText().contains("| TRACE |"));
            }
            assertEquals(400, router.api("GET", "/api/logs?level=loud", viewer, null, null).statusCode());
            assertEquals(400, router.api("GET", "/api/logs?lines=0", viewer, null, null).statusCode());
            JsonNode files = json(router.api("GET", "/api/logs/files", viewer, null, null), 200);
            boolean listed = false;
            for (JsonNode f : files.path("files")) {
                listed |= f.path("name").asText().equals("karaf.log") && f.path("size").asLong() > 0;
            }
            assertTrue(files.toString(), listed);
            HttpResponse<String> download = router.api("GET", "/api/logs/files/karaf.log", viewer, null, null);
            assertEquals(200, download.statusCode());
            assertTrue(download.body().contains("FeaturesServiceImpl"));
            assertEquals(404, router.api("GET", "/api/logs/files/nothing.log", viewer, null, null).statusCode());
            int traversal = router.api("GET", "/api/logs/files/..%2Fadmin-password", viewer, null, null).statusCode();
            assertTrue("traversal refused: " + traversal, traversal == 400 || traversal == 404);
            assertEquals(401, router.api("GET", "/api/logs", null, null, null).statusCode());
        }
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertEquals(r.body(), status, r.statusCode());
        return JSON.readTree(r.body());
    }

    private static String key(RouterProcess router, String name, String role) throws Exception {
        return json(router.admin("POST", "/api/keys", JSON.writeValueAsString(Map.of("name", name, "role", role))), 201)
                .path("key").asText();
    }

    private static JsonNode awaitDone(RouterProcess router, String key) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = router.api("GET", "/api/transfers?status=done&route=OPSIT", key, null, null);
            last = r.body();
            JsonNode page = json(r, 200);
            if (page.path("total").asInt() == 1) {
                return page.path("items").get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no done transfer within 60 s: " + last);
    }
}
