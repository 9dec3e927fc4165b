package org.xnat.router.rest.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.router.rest.core.internal.HealthResource;
import org.xnat.router.rest.core.internal.audit.AuditResource;
import org.xnat.router.rest.core.internal.auth.KeysResource;
import org.xnat.router.rest.core.internal.docs.DocsResource;
import org.xnat.router.testing.OpenApiCheck;

import com.fasterxml.jackson.databind.JsonNode;

class OpenApiTest {

    @Test
    void restCoresFragmentDocumentsExactlyItsResources() {
        OpenApiCheck.assertDocuments(new CoreOpenApiFragment().json(), HealthResource.class, OpenApiResource.class,
                DocsResource.class, KeysResource.class, AuditResource.class);
    }

    @Test
    void fragmentsAreMergedWithSecurityAndOpenEndpoints() {
        String other = """
                {"paths": {"/transfers": {"get": {"responses": {"200": {"description": "ok"}}}},
                           "/keys": {"get": {"summary": "a second definition", "responses": {}}}},
                 "components": {"schemas": {"Transfer": {"type": "object"}}},
                 "tags": [{"name": "operations"}, {"name": "security"}]}
                """;
        JsonNode doc = new OpenApiMerger().merge("1.2.3", List.of(
                Map.entry("rest-core", new CoreOpenApiFragment().json()), Map.entry("ops", other),
                Map.entry("broken", "{not json"), Map.entry("array", "[]")));
        assertThat(doc.path("openapi").asText()).startsWith("3.0");
        assertThat(doc.path("info").path("version").asText()).isEqualTo("1.2.3");
        assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("/api");
        assertThat(doc.at("/components/securitySchemes/ApiKey/name").asText()).isEqualTo("X-API-Key");
        assertThat(doc.at("/components/securitySchemes/Bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("security")).hasSize(2);
        assertThat(doc.at("/paths/~1transfers/get")).isNotNull();
        assertThat(doc.at("/components/schemas/Transfer/type").asText()).isEqualTo("object");
        assertThat(doc.at("/components/schemas/ApiKey").isObject()).isTrue();
        // first definition wins
        assertThat(doc.at("/paths/~1keys/get/summary").asText()).contains("never their secrets");
        for (String open : List.of("/health", "/openapi.json", "/docs", "/docs/{file}")) {
            JsonNode security = doc.path("paths").path(open).path("get").path("security");
            assertThat(security.isArray() && security.isEmpty()).as(open).isTrue();
        }
        assertThat(doc.at("/paths/~1keys/get/security").isMissingNode()).isTrue();
        assertThat(doc.path("tags").findValuesAsText("name")).containsExactly("system", "security", "operations");
    }
}
