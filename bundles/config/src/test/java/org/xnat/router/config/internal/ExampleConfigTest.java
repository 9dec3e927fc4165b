package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xnat.router.config.DestinationConfig;
import org.xnat.router.config.LoadedConfig;
import org.xnat.router.config.RouteConfig;

/** The shipped {@code config/config.yaml}, which {@code ./router start} uses by default. */
class ExampleConfigTest {

    private static final Path EXAMPLE = Path.of("../../config/config.yaml");

    @Test
    void parsesWithoutWarnings() throws Exception {
        assertThat(EXAMPLE).exists();
        LoadedConfig loaded = Configs.FILES.read(EXAMPLE, Map.of("ROUTER_DATA", "/srv/router-data"));

        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.config().routes()).hasSize(1);
        RouteConfig route = loaded.config().routes().get(0);
        assertThat(route.aeTitle()).isEqualTo("ROUTER");
        assertThat(route.port()).isEqualTo(11112);
        assertThat(route.enabled()).isTrue();
        assertThat(route.destinations()).singleElement()
                .satisfies(d -> assertThat(d.destination()).isEqualTo("local-files"));

        DestinationConfig files = loaded.config().destinations().get("local-files");
        assertThat(files.type()).isEqualTo(DestinationConfig.FILE);
        assertThat(files.properties()).containsEntry("path", "/srv/router-data/received")
                .containsEntry("directory_pattern", "{PatientID}/{StudyInstanceUID}");
    }

    @Test
    void withoutRouterDataTheDataDirectoryDefaultsToDotData() throws Exception {
        LoadedConfig loaded = Configs.FILES.read(EXAMPLE, Map.of());
        assertThat(loaded.config().destinations().get("local-files").properties())
                .containsEntry("path", "./data/received");
        assertThat(loaded.environmentReferences()).containsKey("destinations.local-files.path");
    }

    /** Every commented example in the file is valid too: uncommented, they parse. */
    @Test
    void theCommentedExamplesAreValid() throws Exception {
        StringBuilder uncommented = new StringBuilder();
        for (String line : Files.readAllLines(EXAMPLE)) {
            // Example lines are "# key: value" at some indentation, prose lines are not YAML.
            String s = line.replaceFirst("^(\\s*)# (\\s*(?:[a-z_\\-]+:|- ).*)$", "$1$2");
            if (!s.trim().startsWith("#")) {
                uncommented.append(s).append('\n');
            }
        }
        String yaml = uncommented.toString()
                // the example route's two destinations blocks become one list
                .replace("    destinations:\n      - destination: local-files\n\n", "");
        LoadedConfig loaded = Configs.read(yaml, Map.of("XNAT_PASSWORD", "x", "BROKER_PASSWORD", "y"));

        assertThat(loaded.config().destinations()).containsOnlyKeys("local-files", "xnat-prod", "pacs", "archive");
        assertThat(loaded.config().destinations().get("archive").type()).isEqualTo("s3");
        RouteConfig route = loaded.config().routes().get(0);
        assertThat(route.routingRules()).hasSize(1);
        assertThat(route.filters()).hasSize(1);
        assertThat(route.validationRules()).hasSize(3);
        assertThat(route.tagModifications()).hasSize(3);
        assertThat(route.allowedCallingAes()).containsExactly("MODALITY1", "WORKSTATION");
        assertThat(loaded.config().honestBrokers()).containsOnlyKeys("research-broker");
        assertThat(loaded.config().scripts()).containsOnlyKeys("site-standard");
        assertThat(loaded.config().resilience().retentionDays()).isEqualTo(30);
        assertThat(loaded.warnings()).isEmpty();
    }
}
