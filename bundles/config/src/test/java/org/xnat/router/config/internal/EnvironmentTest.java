package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xnat.router.config.ConfigIssue;
import org.xnat.router.config.EnvironmentReference;
import org.xnat.router.config.LoadedConfig;

/** {@code ${ENV_VAR}} and {@code ${ENV_VAR:-default}} in values. */
class EnvironmentTest {

    private static final String YAML = """
            destinations:
              xnat: !<xnat>
                url: ${XNAT_URL:-https://xnat.example.org}
                username: ${XNAT_USER}
                password: ${XNAT_PASSWORD}
              plugin: !<s3>
                part_size_mb: ${PART_MB:-16}
                quoted: "${PART_MB:-16}"
                literal: cost $${not a variable}
            routes:
              - ae_title: ${ROUTER_AE:-ROUTER}
                port: ${ROUTER_PORT}
                destinations: [xnat]
            """;

    @Test
    void variablesAndDefaultsAreResolved() {
        LoadedConfig loaded = Configs.read(YAML, Map.of("XNAT_USER", "router", "XNAT_PASSWORD", "s3cret",
                "ROUTER_PORT", "11112", "ROUTER_AE", ""));
        var xnat = loaded.config().destinations().get("xnat").properties();
        assertThat(xnat).containsEntry("url", "https://xnat.example.org")
                .containsEntry("username", "router")
                .containsEntry("password", "s3cret");
        // an empty variable takes the default, as in a POSIX shell
        assertThat(loaded.config().routes().get(0).aeTitle()).isEqualTo("ROUTER");
        assertThat(loaded.config().routes().get(0).port()).isEqualTo(11112);
    }

    @Test
    void plainValuesTakeTheTypeOfWhatTheyResolveTo() {
        LoadedConfig loaded = Configs.read(YAML, Map.of("XNAT_USER", "u", "XNAT_PASSWORD", "p", "ROUTER_PORT", "104",
                "PART_MB", "64"));
        var plugin = loaded.config().destinations().get("plugin").properties();
        assertThat(plugin.get("part_size_mb")).isEqualTo(64);
        assertThat(plugin.get("quoted")).isEqualTo("64");
        assertThat(plugin.get("literal")).isEqualTo("cost ${not a variable}");
    }

    @Test
    void unsetVariablesWithoutDefaultAreErrorsNamingVariableLineAndField() {
        List<ConfigIssue> issues = Configs.problems(YAML, Map.of("XNAT_USER", "router"));
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::field, ConfigIssue::message).containsExactly(
                tuple(5, "destinations.xnat.password",
                        "environment variable XNAT_PASSWORD is not set (give a default with ${XNAT_PASSWORD:-default})"),
                tuple(12, "routes[0].port",
                        "environment variable ROUTER_PORT is not set (give a default with ${ROUTER_PORT:-default})"));
    }

    @Test
    void malformedReferencesAreErrors() {
        List<ConfigIssue> issues = Configs.problems(Configs.withRoutes("""
                  - ae_title: ${AE
                    port: 104
                    description: ${1ABC}
                    destinations: [store]
                """));
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::message).containsExactly(
                tuple(6, "'${' without a closing '}'"),
                tuple(8, "'${1ABC}' is not a variable reference: write ${NAME} or ${NAME:-default}"));
    }

    @Test
    void referencesAreRememberedWithoutRevealingTheValue() {
        LoadedConfig loaded = Configs.read(YAML, Map.of("XNAT_USER", "router", "XNAT_PASSWORD", "s3cret",
                "ROUTER_PORT", "11112"));
        EnvironmentReference ref = loaded.environmentReferences().get("destinations.xnat.password");
        assertThat(ref.written()).isEqualTo("${XNAT_PASSWORD}");
        assertThat(ref.value()).isEqualTo("s3cret");
        assertThat(ref.toString()).doesNotContain("s3cret");
        assertThat(loaded.environmentReferences()).containsKeys("destinations.xnat.url", "routes[0].port",
                "routes[0].ae_title", "destinations.plugin.part_size_mb");
    }
}
