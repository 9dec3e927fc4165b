package org.xnat.router.rest.core.internal.openapi;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code /api/openapi.json} document: a base (info, servers {@code /api}, the two security schemes,
 * global security) plus the paths, component schemas/parameters/responses and tags of every fragment. The
 * first fragment to define a path operation or a component wins; later duplicates are logged and skipped, a
 * fragment that is not a JSON object is skipped whole. The open endpoints get {@code security: []}.
 */
public final class OpenApiMerger {

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiMerger.class);
    /** Paths that need no key (rest-core's public resources). */
    static final Set<String> OPEN_PATHS = Set.of("/health", "/openapi.json", "/docs", "/docs/{file}");
    private static final Set<String> COMPONENT_KINDS = Set.of("schemas", "parameters", "responses", "requestBodies",
            "headers", "examples");

    private final ObjectMapper json = new ObjectMapper();

    /** @param fragments the fragments' JSON texts, each with the name of its source for messages */
    public ObjectNode merge(String version, List<Map.Entry<String, String>> fragments) {
        ObjectNode doc = base(version);
        ObjectNode paths = (ObjectNode) doc.get("paths");
        ObjectNode components = (ObjectNode) doc.get("components");
        ArrayNode tags = (ArrayNode) doc.get("tags");
        for (Map.Entry<String, String> f : fragments) {
            JsonNode fragment;
            try {
                fragment = json.readTree(f.getValue());
            } catch (IOException e) {
                LOG.warn("OpenAPI fragment of {} is not valid JSON; skipped: {}", f.getKey(), e.getMessage());
                continue;
            }
            if (fragment == null || !fragment.isObject()) {
                LOG.warn("OpenAPI fragment of {} is not a JSON object; skipped", f.getKey());
                continue;
            }
            mergePaths(f.getKey(), fragment.path("paths"), paths);
            for (String kind : COMPONENT_KINDS) {
                mergeNamed(f.getKey(), "components." + kind, fragment.path("components").path(kind),
                        child(components, kind));
            }
            for (JsonNode tag : fragment.path("tags")) {
                String name = tag.path("name").asText("");
                boolean known = false;
                for (JsonNode t : tags) {
                    known |= t.path("name").asText("").equals(name);
                }
                if (!name.isEmpty() && !known) {
                    tags.add(tag);
                }
            }
        }
        for (String open : OPEN_PATHS) {
            JsonNode item = paths.get(open);
            if (item != null && item.isObject()) {
                item.fields().forEachRemaining(op -> {
                    if (op.getValue().isObject() && !op.getKey().equals("parameters")) {
                        ((ObjectNode) op.getValue()).set("security", json.createArrayNode());
                    }
                });
            }
        }
        return doc;
    }

    private void mergePaths(String source, JsonNode from, ObjectNode into) {
        if (!from.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getValue().isObject()) {
                continue;
            }
            ObjectNode target = child(into, path.getKey());
            path.getValue().fields().forEachRemaining(op -> {
                if (target.has(op.getKey())) {
                    LOG.warn("OpenAPI: {} {} of {} is already documented by another bundle; skipped", op.getKey(),
                            path.getKey(), source);
                } else {
                    target.set(op.getKey(), op.getValue());
                }
            });
        }
    }

    /** The object member {@code name}, created when absent ({@code ObjectNode.with} reads "/x" as a JSON pointer). */
    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(name);
    }

    private static void mergeNamed(String source, String what, JsonNode from, ObjectNode into) {
        if (!from.isObject()) {
            return;
        }
        from.fields().forEachRemaining(e -> {
            if (into.has(e.getKey())) {
                if (!into.get(e.getKey()).equals(e.getValue())) {
                    LOG.warn("OpenAPI: {} '{}' of {} differs from one already defined; kept the first", what,
                            e.getKey(), source);
                }
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    private ObjectNode base(String version) {
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "XNAT DICOM Router API");
        info.put("version", version);
        info.put("description", "REST API of the XNAT DICOM Router. Authenticate with an API key, sent as"
                + " 'X-API-Key: KEY' or 'Authorization: Bearer KEY'. GET needs the viewer role, changes need admin"
                + " unless an operation says otherwise. /health, /openapi.json and /docs need no key.");
        doc.putArray("servers").addObject().put("url", "/api");
        ArrayNode security = doc.putArray("security");
        security.addObject().putArray("ApiKey");
        security.addObject().putArray("Bearer");
        doc.putArray("tags");
        doc.putObject("paths");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("ApiKey").put("type", "apiKey").put("in", "header").put("name", "X-API-Key");
        schemes.putObject("Bearer").put("type", "http").put("scheme", "bearer");
        ObjectNode error = components.putObject("schemas").putObject("Error");
        error.put("type", "object");
        error.putArray("required").add("error");
        ObjectNode props = error.putObject("properties");
        props.putObject("error").put("type", "string");
        ObjectNode problems = props.putObject("problems");
        problems.put("type", "array");
        ObjectNode problem = problems.putObject("items");
        problem.put("type", "object");
        problem.putObject("properties").<ObjectNode>set("field", json.createObjectNode().put("type", "string"))
                .set("message", json.createObjectNode().put("type", "string"));
        return doc;
    }
}
