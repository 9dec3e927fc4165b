package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * API keys, roles and the audit trail against a real router: 401 without or with a wrong key (both header
 * forms), per-role 403s, an operator's retry, revocation, audit rows; and in a second instance without
 * {@code ROUTER_ADMIN_KEY}, the generated bootstrap key in a file only its owner can read.
 */
public class ApiSecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE_AE = "APISEC";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Test
    public void keysRolesRetryRevocationAndAudit() throws Exception {
        Path data = RouterProcess.newDataDirectory("apisec-");
        int dicomPort = RouterDistribution.freePort();
        int deadPort = RouterDistribution.freePort();
        Path config = data.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "destinations:",
                "  dead:",
                "    type: dicom",
                "    ae_title: NOBODY",
                "    host: 127.0.0.1",
                "    port: " + deadPort,
                "    connect_timeout_seconds: 2",
                "routes:",
                "  - ae_title: " + ROUTE_AE,
                "    port: " + dicomPort,
                "    study_timeout_seconds: 1",
                "    destinations:",
                "      - destination: dead",
                "        retry_count: 0",
                ""));
        List<TestInstances.Instance> instances = TestInstances.generate(data.resolve("in"), "apisec", 2, 2, 16);
        try (RouterProcess router = new RouterProcess(data, config)) {
            router.startAndAwaitUp();
            int port = router.httpPort();

            // no key, a wrong key in each header form: 401 with a challenge and a JSON error
            for (String[] header : new String[][] {null, {"X-API-Key", "rtr_wrong_0123456789abcdefghijk"},
                    {"Authorization", "Bearer rtr_wrong_0123456789abcdefghijk"}, {"Authorization", "Basic YWRtaW46eA=="}}) {
                HttpResponse<String> r = call(port, "GET", "/api/keys", header, null);
                assertEquals(r.body(), 401, r.statusCode());
                assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
                assertTrue(r.body(), JSON.readTree(r.body()).path("error").asText().contains("API key"));
            }
            // the bootstrap key works in both forms; open endpoints need none
            assertEquals(200, call(port, "GET", "/api/keys", new String[] {"X-API-Key", RouterProcess.ADMIN_API_KEY}, null).statusCode());
            assertEquals(200, call(port, "GET", "/api/keys", bearer(RouterProcess.ADMIN_API_KEY), null).statusCode());
            assertEquals(200, call(port, "GET", "/api/health", null, null).statusCode());
            assertEquals(200, call(port, "GET", "/api/openapi.json", null, null).statusCode());
            assertEquals(200, call(port, "GET", "/api/docs/", null, null).statusCode());

            String viewer = createKey(router, "it-viewer", "viewer");
            String operator = createKey(router, "it-operator", "operator");

            // a transfer that fails at once (its destination is down and may not retry)
            try (RecordingSender sender = new RecordingSender(instances, ROUTE_AE, dicomPort)) {
                sender.allowUpTo(instances.size());
                sender.run();
            }
            long transferId = awaitFailedTransfer(router, viewer);

            // viewer: reads, but no retry and no key creation
            assertEquals(200, call(port, "GET", "/api/transfers/" + transferId, bearer(viewer), null).statusCode());
            HttpResponse<String> viewerRetry = call(port, "POST", "/api/transfers/" + transferId + "/retry", bearer(viewer), null);
            assertEquals(viewerRetry.body(), 403, viewerRetry.statusCode());
            assertTrue(viewerRetry.body(), viewerRetry.body().contains("needs operator"));
            assertEquals(403, router.api("POST", "/api/keys", viewer, "application/json",
                    "{\"name\":\"x1\",\"role\":\"viewer\"}".getBytes()).statusCode());
            assertEquals(403, call(port, "GET", "/api/audit", bearer(viewer), null).statusCode());

            // operator: may retry (the failed instances are queued again), may not create keys
            HttpResponse<String> retry = router.api("POST", "/api/transfers/" + transferId + "/retry", operator, null, null);
            assertEquals(retry.body(), 200, retry.statusCode());
            assertEquals(retry.body(), 2, JSON.readTree(retry.body()).path("requeued").asInt());
            HttpResponse<String> opKey = router.api("POST", "/api/keys", operator, "application/json",
                    "{\"name\":\"x2\",\"role\":\"viewer\"}".getBytes());
            assertEquals(opKey.body(), 403, opKey.statusCode());
            assertTrue(opKey.body(), opKey.body().contains("needs admin"));

            // revoked: 401 from then on
            long viewerId = keyId(router, "it-viewer");
            HttpResponse<String> revoke = router.admin("DELETE", "/api/keys/" + viewerId, null);
            assertEquals(revoke.body(), 200, revoke.statusCode());
            assertEquals("revoked", JSON.readTree(revoke.body()).path("state").asText());
            assertEquals(401, call(port, "GET", "/api/transfers", bearer(viewer), null).statusCode());
            assertEquals(404, router.admin("DELETE", "/api/keys/987654", null).statusCode());
            assertEquals(400, router.admin("DELETE", "/api/keys/abc", null).statusCode());

            // validation and conflicts of key creation
            assertEquals(400, router.admin("POST", "/api/keys", "{\"name\":\"bad name\",\"role\":\"viewer\"}").statusCode());
            assertEquals(400, router.admin("POST", "/api/keys", "{\"name\":\"ok\",\"role\":\"root\"}").statusCode());
            assertEquals(400, router.admin("POST", "/api/keys", "{\"name\":\"ok\",\"role\":\"viewer\",\"expiresInDays\":0}").statusCode());
            assertEquals(400, router.admin("POST", "/api/keys", "{not json").statusCode());
            assertEquals(409, router.admin("POST", "/api/keys", "{\"name\":\"it-operator\",\"role\":\"viewer\"}").statusCode());

            // the audit trail has the key creations, the revocation and the retry, with their actors
            JsonNode audit = JSON.readTree(router.admin("GET", "/api/audit?limit=100", null).body());
            assertTrue(audit.toString(), has(audit, "bootstrap-admin", "api-key.create", "it-operator"));
            assertTrue(audit.toString(), has(audit, "bootstrap-admin", "api-key.revoke", "it-viewer"));
            assertTrue(audit.toString(), has(audit, "it-operator", "transfer.retry", String.valueOf(transferId)));
            JsonNode retries = JSON.readTree(router.admin("GET", "/api/audit?action=transfer.*&actor=it-operator", null).body());
            assertEquals(retries.toString(), 1, retries.path("total").asInt());
            assertEquals("127.0.0.1", retries.path("items").get(0).path("remoteAddress").asText());
            assertEquals(400, router.admin("GET", "/api/audit?from=yesterday", null).statusCode());

            // keys never appear in answers, files or logs
            String list = router.admin("GET", "/api/keys", null).body();
            assertFalse(list.contains(operator) || list.contains(RouterProcess.ADMIN_API_KEY));
            String log = Files.readString(data.resolve("log/karaf.log"));
            assertFalse("a key leaked into the log", log.contains(operator) || log.contains(viewer)
                    || log.contains(RouterProcess.ADMIN_API_KEY));
        }
    }

    @Test
    public void withoutTheEnvironmentKeyTheBootstrapKeyIsWrittenOwnerOnly() throws Exception {
        Path data = RouterProcess.newDataDirectory("apisec-bootstrap-");
        try (RouterProcess router = new RouterProcess(data, null)) {
            router.withoutAdminKeyEnvironment();
            router.startAndAwaitUp();
            Path file = data.resolve("admin-api-key");
            assertTrue(Files.isRegularFile(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String key = Files.readString(file).strip();
            assertTrue(key, key.matches("rtr_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}"));
            assertEquals(200, router.api("GET", "/api/keys", key, null, null).statusCode());
            assertEquals(401, router.api("GET", "/api/keys", RouterProcess.ADMIN_API_KEY, null, null).statusCode());
            String log = Files.readString(data.resolve("log/karaf.log"));
            assertTrue("the log says where the key is", log.contains(file.toString()));
            assertFalse("the key itself is never logged", log.contains(key));
        }
    }

    private static boolean has(JsonNode page, String actor, String action, String targetOrName) {
        for (JsonNode e : page.path("items")) {
            if (e.path("actor").asText().equals(actor) && e.path("action").asText().equals(action)
                    && (e.path("targetId").asText().equals(targetOrName)
                        || e.path("detail").path("name").asText().equals(targetOrName))) {
                return true;
            }
        }
        return false;
    }

    private static String[] bearer(String key) {
        return new String[] {"Authorization", "Bearer " + key};
    }

    private HttpResponse<String> call(int port, String method, String path, String[] header, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            b.header(header[0], header[1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String createKey(RouterProcess router, String name, String role) throws Exception {
        HttpResponse<String> r = router.admin("POST", "/api/keys", JSON.writeValueAsString(Map.of("name", name, "role", role)));
        assertEquals(r.body(), 201, r.statusCode());
        JsonNode created = JSON.readTree(r.body());
        assertEquals(role, created.path("role").asText());
        return created.path("key").asText();
    }

    private static long keyId(RouterProcess router, String name) throws Exception {
        for (JsonNode k : JSON.readTree(router.admin("GET", "/api/keys", null).body())) {
            if (k.path("name").asText().equals(name) && k.path("state").asText().equals("active")) {
                return k.path("id").asLong();
            }
        }
        throw new AssertionError("no active key " + name);
    }

    private static long awaitFailedTransfer(RouterProcess router, String viewerKey) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = router.api("GET", "/api/transfers?status=failed&route=" + ROUTE_AE, viewerKey, null, null);
            last = r.body();
            assertEquals(last, 200, r.statusCode());
            JsonNode page = JSON.readTree(last);
            if (page.path("total").asInt() == 1) {
                JsonNode t = page.path("items").get(0);
                assertEquals(2, t.path("instancesFailed").asInt());
                return t.path("id").asLong();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no failed transfer within 60 s: " + last);
    }
}
