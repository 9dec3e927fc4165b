package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.xnat.router.config.ConfigIssue;
import org.xnat.router.config.LoadedConfig;

/** Unknown and unused keys do not stop the read: they come back as warnings with line and key. */
class WarningsTest {

    @Test
    void unknownKeysAreWarningsWithLineAndKey() {
        LoadedConfig loaded = Configs.read("""
                data_directory: /srv/router
                destinatons:
                  typo: {}
                destinations:
                  pacs: !<dicom>
                    ae_title: PACS
                    host: pacs
                    hots: typo
                routes:
                  - ae_title: A
                    port: 104
                    timeout: 5
                    destinations:
                      - destination: pacs
                        retries: 3
                    filters:
                      - tag: Modality
                        value: SR
                        acton: include
                resilience:
                  max_retry: 3
                """);
        assertThat(loaded.warnings()).extracting(ConfigIssue::line, ConfigIssue::field, ConfigIssue::message)
                .containsExactly(
                        tuple(2, "destinatons", "unknown key 'destinatons' (ignored)"),
                        tuple(8, "destinations.pacs.hots", "unknown key 'hots' (ignored)"),
                        tuple(12, "routes[0].timeout", "unknown key 'timeout' (ignored)"),
                        tuple(15, "routes[0].destinations[0].retries", "unknown key 'retries' (ignored)"),
                        tuple(19, "routes[0].filters[0].acton", "unknown key 'acton' (ignored)"),
                        tuple(21, "resilience.max_retry", "unknown key 'max_retry' (ignored)"));
        assertThat(loaded.warnings().get(0).toString()).isEqualTo("test.yaml:2:1: destinatons: unknown key 'destinatons' (ignored)");
        // the file still configures what it can
        assertThat(loaded.config().destinations().get("pacs").properties()).doesNotContainKey("hots");
        assertThat(loaded.config().routes()).hasSize(1);
    }

    @Test
    void keysOfTheXnatDicomRouterThatAreNotUsedSaySo() {
        LoadedConfig loaded = Configs.read("""
                admin_port: 8080
                log_level: DEBUG
                receiver:
                  base_dir: /srv/old
                  storage_dir: ./incoming
                destinations:
                  legacy:
                    url: https://xnat.example.org
                routes:
                  - ae_title: A
                    port: 104
                    rate_limit_per_minute: 10
                    destinations: [legacy]
                """);
        assertThat(loaded.warnings()).extracting(ConfigIssue::line, ConfigIssue::field).containsExactly(
                tuple(1, "admin_port"),
                tuple(2, "log_level"),
                tuple(5, "receiver.storage_dir"),
                tuple(7, "destinations.legacy.type"),
                tuple(12, "routes[0].rate_limit_per_minute"));
        assertThat(loaded.warnings().get(0).message()).contains("--http-port");
        assertThat(loaded.warnings().get(3).message()).contains("taken as 'xnat'");
        // receiver.base_dir maps onto the data directory; an untyped destination is xnat, as before
        assertThat(loaded.config().dataDirectory()).isEqualTo("/srv/old");
        assertThat(loaded.config().destinations().get("legacy").type()).isEqualTo("xnat");
    }

    @Test
    void questionableButValidSettingsAreWarnings() {
        LoadedConfig loaded = Configs.read(Configs.withRoutes("""
                  - ae_title: SAME
                    port: 104
                    destinations: [store, store]
                  - ae_title: same
                    port: 105
                  - ae_title: OTHER
                    port: 106
                    destinations: [store]
                    validation_rules:
                      - type: required_tag
                        tag: PatientID
                        operator: equals
                """));
        assertThat(loaded.warnings()).extracting(ConfigIssue::line, ConfigIssue::message).containsExactly(
                tuple(8, "destination 'store' is listed twice"),
                tuple(9, "the route has no destinations: what it receives goes nowhere"),
                tuple(9, "AE title same is also used by routes[0]: tell them apart by port only"),
                tuple(17, "is only used by tag_value rules (ignored)"));
    }

    @Test
    void anEmptyFileIsValidButSaysThatNothingIsRouted() {
        LoadedConfig loaded = Configs.read("# nothing yet\n");
        assertThat(loaded.config().routes()).isEmpty();
        assertThat(loaded.warnings()).extracting(ConfigIssue::message)
                .containsExactly("the file is empty: no routes are configured");
    }
}
