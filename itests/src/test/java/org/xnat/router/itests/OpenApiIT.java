package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The live {@code /api/openapi.json} of a running router: a valid-looking OpenAPI 3.0 document with the security
 * schemes, and every GET operation without required path parameters answers, for the admin key, with a status
 * the document lists for it. Whatever bundles are installed, the document and the endpoints must agree.
 */
public class OpenApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void everyDocumentedGetAnswersADocumentedStatus() throws Exception {
        Path data = RouterProcess.newDataDirectory("openapi-");
        try (RouterProcess router = new RouterProcess(data, null)) {
            router.startAndAwaitUp();
            HttpResponse<String> r = router.get("/api/openapi.json");
            assertEquals(r.body(), 200, r.statusCode());
            JsonNode doc = JSON.readTree(r.body());
            assertTrue(doc.path("openapi").asText().startsWith("3.0"));
            assertEquals("/api", doc.path("servers").get(0).path("url").asText());
            assertEquals("X-API-Key", doc.at("/components/securitySchemes/ApiKey/name").asText());
            assertEquals("bearer", doc.at("/components/securitySchemes/Bearer/scheme").asText());

            List<String> checked = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                JsonNode get = path.getValue().get("get");
                if (get == null || requiresPathParameter(path.getValue(), get)) {
                    continue;
                }
                HttpResponse<String> answer = router.admin("GET", "/api" + path.getKey(), null);
                String status = String.valueOf(answer.statusCode());
                checked.add(path.getKey() + " " + status);
                if (!get.path("responses").has(status) && !get.path("responses").has("default")) {
                    wrong.add("GET " + path.getKey() + " answered " + status + ", documented "
                            + fieldNames(get.path("responses")) + ": " + cut(answer.body()));
                }
            }
            assertTrue("nothing checked", checked.size() >= 8);
            assertTrue(checked.toString(), checked.contains("/keys 200") && checked.contains("/system/status 200"));
            assertTrue(String.join("\n", wrong), wrong.isEmpty());

            // operations needing a key are not reachable without one; the open ones are
            assertEquals(401, router.get("/api/system/status").statusCode());
            assertEquals(200, router.get("/api/health").statusCode());
            assertTrue(doc.at("/paths/~1health/get/security").isArray());
            assertTrue(doc.at("/paths/~1keys/get/security").isMissingNode());
        }
    }

    private static boolean requiresPathParameter(JsonNode pathItem, JsonNode op) {
        List<JsonNode> params = new ArrayList<>();
        pathItem.path("parameters").forEach(params::add);
        op.path("parameters").forEach(params::add);
        for (JsonNode p : params) {
            if ("path".equals(p.path("in").asText()) || p.has("$ref")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
