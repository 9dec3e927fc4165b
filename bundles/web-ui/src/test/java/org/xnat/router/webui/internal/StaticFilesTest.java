package org.xnat.router.webui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticFilesTest {

    @Test
    void rootAndIndexAreThePage() {
        for (String p : new String[] {"", "/", "/index.html"}) {
            assertThat(StaticFiles.resolve(p)).get().extracting(StaticFiles.File::entry).isEqualTo("webui/index.html");
        }
    }

    @Test
    void assetsMapUnderTheBundleRootWithTheirType() {
        assertThat(StaticFiles.resolve("/ui/js/pages/routes.js")).get()
                .isEqualTo(new StaticFiles.File("webui/js/pages/routes.js", "text/javascript; charset=utf-8"));
        assertThat(StaticFiles.resolve("/ui/css/app.css")).get().extracting(StaticFiles.File::contentType)
                .isEqualTo("text/css; charset=utf-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/../META-INF/MANIFEST.MF", "/ui/js/../../x.js", "/ui/%2e%2e/x.js", "/ui/.hidden.js",
        "/ui/js//app.js", "/ui/", "/ui/js", "/ui/x.class", "/ui/a\\b.js", "/api/health", "/favicon.ico",
        "/ui/a/b/c/d/e/f/g.js", "/ui/js/app.js/"})
    void anythingElseIsNotFound(String path) {
        assertThat(StaticFiles.resolve(path)).isEmpty();
    }

    @Test
    void overlongPathsAreNotFound() {
        assertThat(StaticFiles.resolve("/ui/" + "a".repeat(300) + ".js")).isEmpty();
    }
}
