package org.xnat.router.routing.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.internal.YamlConfigFiles;

class DeidSpecsTest {

    @TempDir
    Path dir;

    private RouterConfig config() throws Exception {
        Files.writeString(dir.resolve("keep-dates.das"), "version \"6.3\"\n(0010,0010) := \"K\"\n");
        String yaml = """
                scripts_directory: %s
                honest_brokers:
                  local:
                    naming_scheme: sequential
                    hash_key: secret-1
                  off:
                    enabled: false
                scripts:
                  site: |
                    version "6.3"
                    (0010,0010) := "SITE"
                  keep-dates:
                    file: keep-dates.das
                  hipaa_standard:
                    uid_key: uid-secret
                destinations:
                  d:
                    type: file
                    path: /tmp/x
                routes:
                  - ae_title: A
                    port: 1
                    destinations:
                      - destination: d
                  - ae_title: B
                    port: 2
                    destinations:
                      - destination: d
                        anonymize: true
                        project_id: P9
                  - ae_title: C
                    port: 3
                    destinations:
                      - destination: d
                        anon_script: site
                  - ae_title: D
                    port: 4
                    destinations:
                      - destination: d
                        use_honest_broker: true
                        honest_broker: local
                  - ae_title: E
                    port: 5
                    destinations:
                      - destination: d
                        anon_script: keep-dates
                        use_honest_broker: true
                        honest_broker: local
                  - ae_title: F
                    port: 6
                    destinations:
                      - destination: d
                        anonymize: true
                        use_honest_broker: true
                        honest_broker: off
                """.formatted(dir);
        return new YamlConfigFiles().read(yaml, "t.yaml", Map.of()).config();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<ComponentConfig> specs(RouterConfig c, String route) throws Exception {
        RouteConfig r = c.routes().stream().filter(x -> x.aeTitle().equals(route)).findFirst().orElseThrow();
        return DeidSpecs.of(c, r, r.destinations().get(0));
    }

    @Test
    void routeDestinationSettingsBecomeProcessorsInOrder() throws Exception {
        RouterConfig c = config();
        assertThat(specs(c, "A")).isEmpty();

        List<ComponentConfig> b = specs(c, "B");
        assertThat(b).hasSize(1);
        assertThat(b.get(0).type()).isEqualTo("dicomedit");
        assertThat(b.get(0).properties()).containsEntry("anonymize", true).containsEntry("project", "P9")
                .containsEntry("uid_key", "uid-secret").doesNotContainKey("honest_broker");

        List<ComponentConfig> cc = specs(c, "C");
        assertThat(cc.get(0).properties()).containsEntry("anon_script", "site");
        assertThat(((Map<?, ?>) cc.get(0).properties().get("scripts")).containsKey("site")).isTrue();

        List<ComponentConfig> d = specs(c, "D");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).type()).isEqualTo("honest-broker");
        assertThat(d.get(0).name()).isEqualTo("local");
        assertThat(d.get(0).properties()).containsEntry("broker_type", "local").containsEntry("naming_scheme", "sequential")
                .doesNotContainKey("labels_only");

        List<ComponentConfig> e = specs(c, "E");
        assertThat(e).extracting(ComponentConfig::type).containsExactly("honest-broker", "dicomedit");
        assertThat(e.get(0).properties()).containsEntry("labels_only", true);
        assertThat(e.get(1).properties()).containsEntry("anon_script", "keep-dates").containsEntry("uid_key", "secret-1");
        assertThat(((Map<?, ?>) e.get(1).properties().get("scripts")).get("keep-dates").toString()).contains(":= \"K\"");
        assertThat(map(e.get(1).properties().get("honest_broker"))).containsEntry("name", "local")
                .containsEntry("broker_type", "local");

        assertThatThrownBy(() -> specs(c, "F")).isInstanceOf(DeidSpecs.SpecException.class)
                .hasMessageContaining("honest broker 'off' is disabled");
    }
}
