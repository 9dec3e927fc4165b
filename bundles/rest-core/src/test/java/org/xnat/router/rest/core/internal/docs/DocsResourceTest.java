package org.xnat.router.rest.core.internal.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DocsResourceTest {

    private static String body(String file) throws Exception {
        try (InputStream in = DocsResource.asset(file).orElseThrow().url().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesTheEmbeddedSwaggerUiWithTheRoutersOwnInitializer() throws Exception {
        assertThat(DocsResource.asset("index.html")).get().satisfies(a -> {
            assertThat(a.type()).startsWith("text/html");
            assertThat(a.revalidate()).isTrue();
        });
        assertThat(body("index.html")).contains("swagger-ui-bundle.js").contains("swagger-initializer.js");
        assertThat(body("swagger-ui-bundle.js").length()).isGreaterThan(100_000);
        assertThat(body("swagger-initializer.js")).contains("../openapi.json").doesNotContain("petstore");
        assertThat(DocsResource.asset("swagger-ui.css")).get().satisfies(a -> {
            assertThat(a.type()).startsWith("text/css");
            assertThat(a.revalidate()).isFalse();
        });
    }

    @Test
    void refusesTraversalAndAnythingNotEmbedded() {
        for (String bad : new String[] {"..", "../openapi/rest-core.json", ".hidden.js", "%2e%2e", "a/b.js",
                "..%2fMETA-INF%2fMANIFEST.MF", "MANIFEST.MF", "nothing.js", "index", "x".repeat(200) + ".js",
                "DocsResource.class", "rest-core.json", null}) {
            assertThat(DocsResource.asset(bad)).as(bad).isEmpty();
        }
    }
}
