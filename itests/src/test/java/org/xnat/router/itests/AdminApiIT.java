package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.Assume;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The configuration REST API against a real router: every endpoint's happy path, invalid changes refused with
 * their fields and nothing saved, 401 without a key, 403 for a viewer on every change and for an operator on an
 * import; then a file destination and a route made through the API receive a C-STORE from dcmtk's storescu
 * without a restart.
 */
public class AdminApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path STORESCU = Path.of("/usr/bin/storescu");
    private static final Path CT = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");

    @Test
    public void configurationThroughTheApi() throws Exception {
        Assume.assumeTrue("dcmtk and pydicom's corpus are installed by .ci/run",
                Files.isExecutable(STORESCU) && Files.isRegularFile(CT));
        Path data = RouterProcess.newDataDirectory("admin-api-");
        int firstPort = RouterDistribution.freePort();
        int newPort = RouterDistribution.freePort();
        Path config = data.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "destinations:",
                "  first:",
                "    type: file",
                "    path: " + data.resolve("first"),
                "routes:",
                "  - ae_title: FIRST",
                "    port: " + firstPort,
                "    destinations:",
                "      - first",
                ""));
        try (RouterProcess router = new RouterProcess(data, config)) {
            router.startAndAwaitUp();
            awaitStatus(router, "/api/routes", 200, 60);

            // this bundle's OpenAPI fragment is part of the document
            String openapi = router.get("/api/openapi.json").body();
            assertTrue(openapi, openapi.contains("/routes/{aeTitle}") && openapi.contains("/brokers/{name}/crosswalk.csv")
                    && openapi.contains("/config/versions/{id}/rollback"));

            // keys of the two lesser roles, made through /api/keys
            String viewer = key(router, "it-viewer", "viewer");
            String operator = key(router, "it-operator", "operator");

            // 401 without a key, everywhere
            for (String path : List.of("/api/routes", "/api/destinations", "/api/brokers", "/api/scripts", "/api/settings",
                    "/api/config/versions", "/api/config/export")) {
                assertEquals(path, 401, router.api("GET", path, null, null, null).statusCode());
            }

            // reads as a viewer
            JsonNode routes = json(ok(router.api("GET", "/api/routes", viewer, null, null)));
            assertEquals(1, routes.size());
            assertEquals("FIRST", routes.get(0).path("ae_title").asText());
            assertTrue(routes.toString(), routes.get(0).path("status").path("listening").asBoolean());
            long version = currentVersion(router);

            // invalid changes: 400 with the field, nothing saved
            assertInvalid(router, "POST", "/api/routes", "{\"ae_title\": \"NEW\", \"port\": " + newPort
                    + ", \"destinations\": [\"nowhere\"]}", "destination", version);
            assertInvalid(router, "POST", "/api/routes", "{\"ae_title\": \"NEW\", \"port\": " + firstPort
                    + ", \"destinations\": [\"first\"]}", "port", version);
            assertInvalid(router, "POST", "/api/routes", "{\"ae_title\": \"ABCDEFGHIJKLMNOPQ\", \"port\": " + newPort
                    + ", \"destinations\": [\"first\"]}", "ae_title", version);
            assertInvalid(router, "POST", "/api/routes", "{\"ae_title\": \"NEW\", \"port\": " + newPort
                    + ", \"destinations\": [\"first\"], \"filters\": [{\"tag\": \"Modality\", \"operator\": \"matches\","
                    + " \"value\": \"(CT\"}]}", "filters[0].value", version);
            assertInvalid(router, "POST", "/api/routes", "{\"ae_title\": \"NEW\", \"destinations\": [\"first\"]}", "port",
                    version);
            assertInvalid(router, "POST", "/api/destinations", "{\"name\": \"x\", \"type\": \"file\"}", "path", version);
            assertInvalid(router, "DELETE", "/api/destinations/first", null, "name", version);
            assertInvalid(router, "POST", "/api/scripts", "{\"name\": \"s\", \"content\": \"version \\\"6.1\\\"\\n(0010,0010 := x\"}",
                    "content", version);
            assertInvalid(router, "PUT", "/api/settings", "{\"resilience\": {\"max_retries\": -1}}", "max_retries", version);

            // 403 for a viewer on every change, 403 for an operator on an import
            String[][] changes = {
                {"POST", "/api/routes", "{}"}, {"PUT", "/api/routes/FIRST", "{}"}, {"DELETE", "/api/routes/FIRST", null},
                {"POST", "/api/routes/FIRST/enable", null}, {"POST", "/api/routes/FIRST/disable", null},
                {"POST", "/api/destinations", "{}"}, {"PUT", "/api/destinations/first", "{}"},
                {"DELETE", "/api/destinations/first", null}, {"POST", "/api/destinations/first/check", null},
                {"POST", "/api/brokers", "{}"}, {"PUT", "/api/brokers/b", "{}"}, {"DELETE", "/api/brokers/b", null},
                {"POST", "/api/brokers/b/lookup", "{}"}, {"GET", "/api/brokers/b/crosswalk", null},
                {"POST", "/api/scripts", "{}"}, {"PUT", "/api/scripts/s", "{}"}, {"DELETE", "/api/scripts/s", null},
                {"POST", "/api/scripts/validate", "{}"}, {"POST", "/api/scripts/test", "{}"},
                {"PUT", "/api/settings", "{}"}, {"POST", "/api/config/versions/1/rollback", null},
                {"POST", "/api/config/import", "routes: []"}};
            for (String[] c : changes) {
                String type = c[2] == null ? null : c[1].endsWith("import") ? "text/yaml" : "application/json";
                byte[] body = c[2] == null ? null : c[2].getBytes(StandardCharsets.UTF_8);
                assertEquals(c[0] + " " + c[1] + " as viewer", 403, router.api(c[0], c[1], viewer, type, body).statusCode());
            }
            assertEquals(403, router.api("POST", "/api/config/import", operator, "text/yaml",
                    "routes: []".getBytes(StandardCharsets.UTF_8)).statusCode());
            assertEquals(403, router.api("POST", "/api/routes/FIRST/disable", operator, null, null).statusCode());
            assertEquals(version, currentVersion(router));

            // an operator may check a destination
            JsonNode check = json(ok(router.api("POST", "/api/destinations/first/check", operator, null, null)));
            assertEquals(check.toString(), "UP", check.path("status").asText());
            assertTrue(check.has("elapsed_ms"));

            // create a file destination and a route, then send to it: no restart
            Path landing = data.resolve("landing");
            HttpResponse<String> d = router.admin("POST", "/api/destinations", "{\"name\": \"landing\", \"type\": \"file\","
                    + " \"path\": \"" + landing + "\"}");
            assertEquals(d.body(), 201, d.statusCode());
            HttpResponse<String> r = router.api("POST", "/api/routes", RouterProcess.ADMIN_API_KEY, "application/json",
                    ("{\"ae_title\": \"NEWROUTE\", \"port\": " + newPort + ", \"study_timeout_seconds\": 1,"
                            + " \"destinations\": [{\"destination\": \"landing\"}]}").getBytes(StandardCharsets.UTF_8));
            assertEquals(r.body(), 201, r.statusCode());
            long created = Long.parseLong(r.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
            assertEquals(version + 2, created);
            awaitListening(router, "NEWROUTE", 60);
            storescu("NEWROUTE", newPort, CT);
            awaitFile(landing, 60);

            // conflicts: an old If-Match loses
            HttpResponse<String> stale = router.api("POST", "/api/routes/NEWROUTE/disable", RouterProcess.ADMIN_API_KEY,
                    null, null);
            assertEquals(200, stale.statusCode());
            assertEquals(409, adminWithIfMatch(router, "POST", "/api/routes/NEWROUTE/enable", created).statusCode());

            // the other endpoints' happy paths
            assertTrue(json(ok(router.admin("GET", "/api/destinations/landing", null))).path("status").has("pending"));
            ok(router.admin("PUT", "/api/destinations/landing", "{\"type\": \"file\", \"path\": \"" + landing + "\","
                    + " \"description\": \"made by the IT\"}"));
            HttpResponse<String> broker = router.admin("POST", "/api/brokers", "{\"name\": \"hb\", \"broker_type\": \"local\","
                    + " \"naming_scheme\": \"sequential\"}");
            assertEquals(broker.body(), 201, broker.statusCode());
            assertEquals(0, json(ok(router.admin("GET", "/api/brokers/hb/crosswalk?limit=10", null))).path("total").asInt());
            assertFalse(json(ok(router.admin("POST", "/api/brokers/hb/lookup", "{\"type\": \"patient_id\", \"value\": \"P1\"}")))
                    .path("found").asBoolean());
            assertTrue(ok(router.api("GET", "/api/brokers/hb/crosswalk.csv", RouterProcess.ADMIN_API_KEY, null, null))
                    .startsWith("broker,id_type,original,research_id,seq,created_at"));
            assertEquals(200, router.admin("PUT", "/api/brokers/hb", "{\"broker_type\": \"local\"}").statusCode());
            assertEquals(204, router.admin("DELETE", "/api/brokers/hb", null).statusCode());

            String script = "{\"name\": \"mine\", \"content\": \"version \\\"6.1\\\"\\n(0010,0010) := \\\"ANON\\\"\\n\"}";
            assertEquals(201, router.admin("POST", "/api/scripts", script).statusCode());
            assertTrue(json(ok(router.admin("GET", "/api/scripts", null))).toString().contains("hipaa_standard"));
            JsonNode test = json(ok(router.api("POST", "/api/scripts/test", operator, "application/json",
                    "{\"script\": \"mine\", \"sample\": \"ct_small\"}".getBytes(StandardCharsets.UTF_8))));
            assertTrue(test.toString(), test.path("changes").toString().contains("ANON"));
            JsonNode upload = json(ok(router.api("POST", "/api/scripts/test?script=mine", operator, "application/dicom",
                    Files.readAllBytes(CT))));
            assertEquals(upload.toString(), "upload", upload.path("sample").asText());
            assertTrue(json(ok(router.api("POST", "/api/scripts/validate", operator, "text/plain",
                    "version \"6.1\"\n".getBytes(StandardCharsets.UTF_8)))).path("valid").asBoolean());
            assertEquals(200, router.admin("PUT", "/api/scripts/mine", script.replace("ANON", "ANON2")).statusCode());
            assertEquals(204, router.admin("DELETE", "/api/scripts/mine", null).statusCode());

            assertEquals(200, router.admin("PUT", "/api/settings", "{\"resilience\": {\"max_retries\": 3}}").statusCode());
            assertEquals(3, json(ok(router.admin("GET", "/api/settings", null))).path("resilience").path("max_retries").asInt());

            JsonNode history = json(ok(router.api("GET", "/api/config/versions?limit=5", viewer, null, null)));
            long now = history.path("current").asLong();
            assertEquals(5, history.path("items").size());
            assertTrue(json(ok(router.admin("GET", "/api/config/versions/" + now, null))).has("document"));
            assertTrue(json(ok(router.admin("GET", "/api/config/diff?from=" + version + "&to=" + now, null)))
                    .path("changes").size() > 0);
            String yaml = ok(router.admin("GET", "/api/config/export", null));
            assertTrue(yaml, yaml.contains("NEWROUTE"));
            JsonNode rolled = json(ok(router.admin("POST", "/api/config/versions/" + version + "/rollback", null)));
            assertEquals(now + 1, rolled.path("id").asLong());
            assertFalse(ok(router.admin("GET", "/api/config/export", null)).contains("NEWROUTE"));
            HttpResponse<String> imported = router.api("POST", "/api/config/import", RouterProcess.ADMIN_API_KEY, "text/yaml",
                    yaml.getBytes(StandardCharsets.UTF_8));
            assertEquals(imported.body(), 200, imported.statusCode());
            assertEquals(204, router.admin("DELETE", "/api/routes/NEWROUTE", null).statusCode());
            assertEquals(404, router.admin("GET", "/api/routes/NEWROUTE", null).statusCode());
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static String key(RouterProcess router, String name, String role) throws Exception {
        HttpResponse<String> r = router.admin("POST", "/api/keys", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        assertEquals(r.body(), 201, r.statusCode());
        return json(r.body()).path("key").asText();
    }

    private static long currentVersion(RouterProcess router) throws Exception {
        return json(ok(router.admin("GET", "/api/config/versions?limit=1", null))).path("current").asLong();
    }

    private static void assertInvalid(RouterProcess router, String method, String path, String body, String field,
            long version) throws Exception {
        HttpResponse<String> r = router.admin(method, path, body);
        assertEquals(method + " " + path + ": " + r.body(), 400, r.statusCode());
        JsonNode problems = json(r.body()).path("problems");
        assertTrue(r.body(), problems.isArray() && problems.size() > 0);
        boolean named = false;
        for (JsonNode p : problems) {
            named |= p.path("field").asText().contains(field);
        }
        assertTrue("a problem names " + field + ": " + r.body(), named);
        assertEquals("nothing saved by " + method + " " + path, version, currentVersion(router));
    }

    private static HttpResponse<String> adminWithIfMatch(RouterProcess router, String method, String path, long version)
            throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + router.httpPort() + path))
                .timeout(java.time.Duration.ofSeconds(30)).header("X-API-Key", RouterProcess.ADMIN_API_KEY)
                .header("If-Match", "\"" + version + "\"").method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                .build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String ok(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            fail(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private static void awaitStatus(RouterProcess router, String path, int status, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int last = 0;
        while (System.nanoTime() < end) {
            last = router.admin("GET", path, null).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        fail(path + " answered " + last + ", not " + status + ", for " + seconds + " s\n" + router.console());
    }

    private static void awaitListening(RouterProcess router, String ae, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "";
        while (System.nanoTime() < end) {
            last = router.admin("GET", "/api/routes/" + ae, null).body();
            if (json(last).path("status").path("listening").asBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        fail("route " + ae + " does not listen after " + seconds + " s: " + last);
    }

    private static void storescu(String ae, int port, Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(STORESCU.toString(), "-aet", "ADMIN_IT", "-aec", ae, "127.0.0.1",
                String.valueOf(port), file.toString()).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("storescu did not finish: " + out);
        }
        assertEquals("storescu: " + out, 0, p.exitValue());
    }

    private static void awaitFile(Path dir, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    // not the file destination's in-flight copies under .router-tmp
                    if (files.anyMatch(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")
                            && !f.toString().contains(".router-tmp"))) {
                        return;
                    }
                } catch (java.io.UncheckedIOException renamedWhileWalking) {
                    // a file was renamed while walking: look again
                }
            }
            Thread.sleep(250);
        }
        fail("no file arrived under " + dir + " within " + seconds + " s");
    }

}
