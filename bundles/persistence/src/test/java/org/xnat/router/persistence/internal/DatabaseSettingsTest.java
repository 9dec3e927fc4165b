package org.xnat.router.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static final Placeholders KARAF = new Placeholders(
            Map.of("ROUTER_DB_PASSWORD", "s3cret", "DB_HOST", "db.example")::get,
            Map.of("karaf.data", "/opt/router/data")::get);

    private static DatabaseSettings.Raw raw(String mode, String dataDirectory, String url, String password) {
        return new DatabaseSettings.Raw(mode, dataDirectory, 0, url, "router", password, 10, 30);
    }

    @Test
    void embeddedDataDirectoryDefaultsToKarafData() {
        DatabaseSettings s = DatabaseSettings.parse(raw("embedded", "", "", ""), KARAF);
        assertThat(s.mode()).isEqualTo(DatabaseSettings.Mode.EMBEDDED);
        assertThat(s.dataDirectory()).isEqualTo(Path.of("/opt/router/data/postgres"));
        assertThat(s.retryInitial()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.retryMax()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void emptyModeMeansEmbeddedAndKarafDataReferencesResolve() {
        DatabaseSettings s = DatabaseSettings.parse(raw(" ", "${karaf.data}/pg", "", ""), KARAF);
        assertThat(s.mode()).isEqualTo(DatabaseSettings.Mode.EMBEDDED);
        assertThat(s.dataDirectory()).isEqualTo(Path.of("/opt/router/data/pg"));
    }

    @Test
    void withoutKarafDataAnEmptyDataDirectoryIsAConfigurationError() {
        Placeholders bare = new Placeholders(k -> null, k -> null);
        assertThatThrownBy(() -> DatabaseSettings.parse(raw("embedded", "", "", ""), bare))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("dataDirectory is empty and the system property karaf.data is not set");
    }

    @Test
    void externalResolvesEnvironmentReferencesAndRemembersWhereThePasswordCameFrom() {
        DatabaseSettings s = DatabaseSettings.parse(raw("External",  "",
                "jdbc:postgresql://${DB_HOST}:5433/router", "${ROUTER_DB_PASSWORD}"), KARAF);
        assertThat(s.mode()).isEqualTo(DatabaseSettings.Mode.EXTERNAL);
        assertThat(s.url()).isEqualTo("jdbc:postgresql://db.example:5433/router");
        assertThat(s.password()).isEqualTo("s3cret");
        assertThat(s.passwordSource()).isEqualTo("environment variable ROUTER_DB_PASSWORD");
        assertThat(s.toString()).doesNotContain("s3cret").contains("db.example:5433");
    }

    @Test
    void aLiteralPasswordIsAttributedToTheConfigurationFile() {
        DatabaseSettings s = DatabaseSettings.parse(raw("external", "", "jdbc:postgresql://h/db", "literal"), KARAF);
        assertThat(s.passwordSource()).isEqualTo("password in etc/org.xnat.router.persistence.cfg");
    }

    @Test
    void anUnsetEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> DatabaseSettings.parse(raw("external", "", "jdbc:postgresql://h/db",
                "${env:NOT_SET_ANYWHERE}"), KARAF))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("password refers to ${env:NOT_SET_ANYWHERE} but the environment variable NOT_SET_ANYWHERE is not set");
    }

    @Test
    void rejectsUnknownModesNonPostgresUrlsAndBadNumbers() {
        assertThatThrownBy(() -> DatabaseSettings.parse(raw("h2", "", "", ""), KARAF))
                .hasMessageContaining("mode must be 'embedded' or 'external', not 'h2'");
        assertThatThrownBy(() -> DatabaseSettings.parse(raw("external", "", "jdbc:mysql://h/db?password=x", ""), KARAF))
                .hasMessageContaining("url must be a PostgreSQL JDBC URL")
                .hasMessageNotContaining("password=x");
        assertThatThrownBy(() -> DatabaseSettings.parse(new DatabaseSettings.Raw("embedded", "/d", 70000, "", "", "", 10, 30), KARAF))
                .hasMessageContaining("embeddedPort must be between 0 and 65535");
        assertThatThrownBy(() -> DatabaseSettings.parse(new DatabaseSettings.Raw("embedded", "/d", 0, "", "", "", 0, 30), KARAF))
                .hasMessageContaining("poolSize must be between 1 and 1000");
    }

    @Test
    void aShortRetryMaximumAlsoShortensTheFirstDelay() {
        DatabaseSettings s = DatabaseSettings.parse(new DatabaseSettings.Raw("embedded", "/d", 0, "", "", "", 10, 2), KARAF);
        assertThat(s.retryInitial()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void timeoutsHaveSaneDefaultsAndAreChecked() {
        DatabaseSettings s = DatabaseSettings.parse(new DatabaseSettings.Raw("embedded", "/d", 0, "", "", "", 10, 30), KARAF);
        assertThat(s.timeouts()).isEqualTo(DatabaseTimeouts.DEFAULTS);
        assertThat(s.timeouts().socket()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(s.timeouts().connectionWait()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(s.timeouts().validation()).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(s.timeouts().sessionSql()).isEqualTo(
                "SET statement_timeout = '60000ms'; SET idle_in_transaction_session_timeout = '60000ms'");
        DatabaseSettings.Raw raw = new DatabaseSettings.Raw("embedded", "/d", 0, "", "", "", 10, 30);
        assertThatThrownBy(() -> DatabaseSettings.parse(raw.withTimeouts(10, 60, 0, 10, 60), KARAF))
                .hasMessageContaining("connectionWaitSeconds must be between 1 and 300, not 0");
        assertThatThrownBy(() -> DatabaseSettings.parse(raw.withTimeouts(10, 5, 5, 10, 60), KARAF))
                .hasMessageContaining("storeTimeoutSeconds (10) must not be longer than socketTimeoutSeconds (5)");
        assertThatThrownBy(() -> DatabaseSettings.parse(raw.withTimeouts(0, 60, 5, 10, 60), KARAF))
                .hasMessageContaining("connectTimeoutSeconds");
        assertThatThrownBy(() -> DatabaseSettings.parse(raw.withTimeouts(10, 60, 5, 10, 0), KARAF))
                .hasMessageContaining("idleInTransactionSeconds");
    }
}
