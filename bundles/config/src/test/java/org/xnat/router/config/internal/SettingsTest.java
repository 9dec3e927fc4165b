package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xnat.router.config.ConfigIssue;
import org.xnat.router.config.LoadedConfig;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.RouterSettings;

/** {@code settings:}: known keys with defaults and ranges, unknown keys a warning, written back when not default. */
class SettingsTest {

    @Test
    void absentSectionGivesTheDefaults() {
        RouterSettings s = Configs.read(Configs.withRoutes("")).config().settings();
        assertThat(s).isEqualTo(RouterSettings.DEFAULT);
        assertThat(s.uploadMaxBytes()).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(s.uploadMaxEntries()).isEqualTo(100_000);
        assertThat(s.uploadMaxRatio()).isEqualTo(100);
        assertThat(s.trashRetentionDays()).isEqualTo(30);
        assertThat(s.importMaxErrorsListed()).isEqualTo(1000);
    }

    @Test
    void everyKeyIsReadIncludingSizesBeyondTwoGigabytesAndEnvironmentReferences() {
        LoadedConfig loaded = Configs.read("""
                settings:
                  upload_max_bytes: 53_687_091_200
                  upload_max_entries: 500
                  upload_max_ratio: ${RATIO}
                  trash_retention_days: 0
                  import_max_errors_listed: 20
                  colour: blue
                """, Map.of("RATIO", "7"));
        assertThat(loaded.config().settings()).isEqualTo(new RouterSettings(53_687_091_200L, 500, 7, 0, 20));
        assertThat(loaded.warnings()).extracting(ConfigIssue::line, ConfigIssue::field, ConfigIssue::message)
                .contains(tuple(7, "settings.colour", "unknown key 'colour' (ignored)"));
    }

    @Test
    void outOfRangeAndNonNumericValuesAreProblemsWithTheirField() {
        assertThat(Configs.problems("""
                settings:
                  upload_max_bytes: 0
                  upload_max_entries: lots
                  upload_max_ratio: 1000000
                  trash_retention_days: -1
                  import_max_errors_listed: 100001
                """)).extracting(ConfigIssue::line, ConfigIssue::field, ConfigIssue::message)
                .containsExactly(
                        tuple(2, "settings.upload_max_bytes", "must be at least 1, got 0"),
                        tuple(3, "settings.upload_max_entries", "must be a whole number, got 'lots'"),
                        tuple(4, "settings.upload_max_ratio", "must be between 1 and 100000, got 1000000"),
                        tuple(5, "settings.trash_retention_days", "must be between 0 and 3650, got -1"),
                        tuple(6, "settings.import_max_errors_listed", "must be between 0 and 100000, got 100001"));
    }

    @Test
    void settingsAreWrittenWhenNotDefaultAndReadBackEqual() {
        RouterConfig c = new RouterConfig(null, null, null, null, null, null, null,
                new RouterSettings(1L << 40, 10, 5, 3, 0));
        String written = Configs.write(c);
        assertThat(written).contains("settings:", "upload_max_bytes: 1099511627776");
        assertThat(Configs.read(written).config()).isEqualTo(c);
        assertThat(Configs.write(RouterConfig.empty())).doesNotContain("settings");
    }

    @Test
    void theConstructorWithoutSettingsKeepsWorking() {
        RouterConfig c = new RouterConfig(null, null, null, null, null, null, null);
        assertThat(c.settings()).isEqualTo(RouterSettings.DEFAULT);
    }
}
