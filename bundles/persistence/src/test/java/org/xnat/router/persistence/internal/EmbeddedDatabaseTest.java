package org.xnat.router.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

/** One real embedded PostgreSQL 16 for all tests here; the external-mode tests use it as their server. */
class EmbeddedDatabaseTest {

    @TempDir
    static Path dir;
    static RouterDatabase database;
    static DataSource published;
    static HealthReport ready;

    @BeforeAll
    static void start() throws Exception {
        DatabaseSettings settings = DatabaseSettings.parse(DatabaseSettings.Raw.embedded(dir.resolve("pg"), 0),
                Placeholders.ofRuntime());
        database = new RouterDatabase(Awaits.fastRetry(settings), ds -> published = ds);
        database.start();
        ready = Awaits.up(database);
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void publishesAWorkingPooledDataSourceOnTheRouterDatabase() throws SQLException {
        assertThat(published).isNotNull().isSameAs(database.dataSource().orElseThrow());
        assertThat(published.getClass().getName()).isEqualTo("com.zaxxer.hikari.HikariDataSource");
        try (Connection c = published.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('server_version')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("router");
            assertThat(rs.getString(2)).startsWith("16.4");
        }
    }

    @Test
    void healthIsUpWithVersionPlaceAndSchemaState() throws Exception {
        int changeSets = changeSetsInChangelog();
        assertThat(changeSets).isGreaterThan(10);
        HealthReport health = database.health();
        assertThat(health.status()).isEqualTo(HealthStatus.UP);
        assertThat(health.detail())
                .startsWith("PostgreSQL 16.4")
                .contains("embedded", dir.resolve("pg").toString(), "127.0.0.1:")
                .contains("schema at changeset " + changeSets + " (" + changeSetIds().get(changeSets - 1) + ")");
        try (Connection c = published.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(changeSets);
        }
    }

    @Test
    void createsEveryTableOfTheSchemaWithComments() throws SQLException {
        List<String> expected = List.of("settings", "config_versions", "routes", "destinations", "honest_brokers",
                "scripts", "transfers", "transfer_instances", "delivery_queue", "metrics", "audit_log", "api_keys",
                "dicom_studies", "dicom_series", "dicom_instances");
        List<String> found = new ArrayList<>();
        try (Connection c = published.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname = 'public' AND c.relkind = 'r'")) {
            while (rs.next()) {
                found.add(rs.getString(1));
                if (expected.contains(rs.getString(1))) {
                    assertThat(rs.getString(2)).as("comment on " + rs.getString(1)).isNotBlank();
                }
            }
        }
        assertThat(found).containsAll(expected).contains("databasechangelog", "databasechangeloglock");
    }

    @Test
    void createsTheGinIndexesForFullTextJsonbAndArrays() throws SQLException {
        Map<String, String> indexes = new java.util.HashMap<>();
        try (Connection c = published.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")) {
            while (rs.next()) {
                indexes.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(indexes.get("idx_studies_fts")).contains("USING gin (search_vector)");
        assertThat(indexes.get("idx_studies_metadata")).contains("USING gin (metadata jsonb_path_ops)");
        assertThat(indexes.get("idx_series_metadata")).contains("USING gin (metadata jsonb_path_ops)");
        assertThat(indexes.get("idx_studies_modalities")).contains("USING gin (modalities)");
        assertThat(indexes.get("idx_delivery_queue_claimable"))
                .contains("(next_attempt_at, id)").contains("WHERE ((state)::text = 'PENDING'::text)");
    }

    @Test
    void studiesAreFoundByFullTextJsonbAndModality() throws SQLException {
        try (Connection c = published.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO dicom_studies (study_uid, patient_name,"
                    + " study_description, institution_name, modalities, metadata) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
                insert.setString(1, "1.2.826.0.1.3680043.2.1125.1.1");
                insert.setString(2, "Doe^Jane");
                insert.setString(3, "MRI brain with contrast");
                insert.setString(4, "General Hospital");
                insert.setArray(5, c.createArrayOf("text", new String[] {"MR", "SR"}));
                insert.setString(6, "{\"00080060\": {\"vr\": \"CS\", \"Value\": [\"MR\"]}}");
                insert.executeUpdate();
            }
            assertThat(studyUids(c, "SELECT study_uid FROM dicom_studies"
                    + " WHERE search_vector @@ plainto_tsquery('english', 'brains hospital')"))
                    .containsExactly("1.2.826.0.1.3680043.2.1125.1.1");
            assertThat(studyUids(c, "SELECT study_uid FROM dicom_studies"
                    + " WHERE search_vector @@ plainto_tsquery('english', 'knee')")).isEmpty();
            assertThat(studyUids(c, "SELECT study_uid FROM dicom_studies"
                    + " WHERE metadata @> '{\"00080060\": {\"Value\": [\"MR\"]}}'"))
                    .containsExactly("1.2.826.0.1.3680043.2.1125.1.1");
            assertThat(studyUids(c, "SELECT study_uid FROM dicom_studies WHERE modalities @> ARRAY['SR']"))
                    .containsExactly("1.2.826.0.1.3680043.2.1125.1.1");
        }
    }

    @Test
    void deliveryQueueRowsAreClaimedOnceWithSkipLocked() throws SQLException {
        try (Connection setup = published.getConnection(); Statement s = setup.createStatement()) {
            s.execute("INSERT INTO delivery_queue (destination, sop_instance_uid) VALUES ('pacs', '1.2.3.1'), ('pacs', '1.2.3.2')");
        }
        String claim = "SELECT id FROM delivery_queue WHERE state = 'PENDING' AND destination = 'pacs'"
                + " AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED";
        try (Connection worker1 = published.getConnection(); Connection worker2 = published.getConnection()) {
            worker1.setAutoCommit(false);
            worker2.setAutoCommit(false);
            List<String> first = studyUids(worker1, claim);
            List<String> second = studyUids(worker2, claim);
            assertThat(first).hasSize(1);
            assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
            worker1.rollback();
            worker2.rollback();
        }
    }

    @Test
    void serverIsDurableLoopbackOnlyAndRequiresThePassword() throws Exception {
        try (Connection c = published.getConnection(); Statement s = c.createStatement()) {
            assertThat(show(s, "fsync")).isEqualTo("on");
            assertThat(show(s, "synchronous_commit")).isEqualTo("on");
            assertThat(show(s, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(s, "unix_socket_directories")).isEmpty();
        }
        Path passwordFile = dir.resolve("pg").resolve(EmbeddedPostgresServer.PASSWORD_FILE);
        assertThat(Files.getPosixFilePermissions(passwordFile)).hasSize(2);
        PGSimpleDataSource wrong = new PGSimpleDataSource();
        wrong.setUrl(jdbcUrl("router"));
        wrong.setUser("postgres");
        wrong.setPassword("not-the-password");
        assertThatThrownBy(wrong::getConnection).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void externalModeReportsAWrongPasswordAndWhereItCameFrom() throws Exception {
        Placeholders env = new Placeholders(Map.of("ROUTER_TEST_DB_PASSWORD", "wrong-password")::get, k -> null);
        DatabaseSettings settings = DatabaseSettings.parse(
                DatabaseSettings.Raw.external(jdbcUrl("router"), "postgres", "${ROUTER_TEST_DB_PASSWORD}"), env);
        try (RouterDatabase external = new RouterDatabase(Awaits.fastRetry(settings), ds -> { })) {
            external.start();
            HealthReport health = Awaits.downWithReason(external);
            assertThat(health.detail())
                    .startsWith("password authentication failed for user postgres at 127.0.0.1:")
                    .contains("check environment variable ROUTER_TEST_DB_PASSWORD")
                    .doesNotContain("wrong-password");
            assertThat(external.dataSource()).isEmpty();
        }
    }

    @Test
    void externalModeReportsAClosedPortAndKeepsRetrying() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DatabaseSettings settings = DatabaseSettings.parse(DatabaseSettings.Raw.external(
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/router", "router", "secret"), Placeholders.ofRuntime());
        try (RouterDatabase external = new RouterDatabase(Awaits.fastRetry(settings), ds -> { })) {
            external.start();
            HealthReport first = Awaits.downWithReason(external);
            assertThat(first.detail()).startsWith("connection refused to 127.0.0.1:" + closedPort)
                    .contains("check url in etc/org.xnat.router.persistence.cfg");
            // The backoff reaches its 1 s maximum: later attempts say so.
            HealthReport later = Awaits.health(external, r -> r.detail().endsWith("(next attempt in 1 s)"),
                    java.time.Duration.ofSeconds(10));
            assertThat(later.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(external.dataSource()).isEmpty();
        }
    }

    @Test
    void externalModeAppliesTheSchemaToAnEmptyDatabase() throws Exception {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE external_test");
        }
        DatabaseSettings settings = DatabaseSettings.parse(DatabaseSettings.Raw.external(jdbcUrl("external_test"),
                "postgres", password()), Placeholders.ofRuntime());
        List<DataSource> got = new ArrayList<>();
        try (RouterDatabase external = new RouterDatabase(Awaits.fastRetry(settings), got::add)) {
            external.start();
            HealthReport health = Awaits.up(external);
            assertThat(health.detail()).contains("external, jdbc:postgresql://127.0.0.1:")
                    .contains("schema at changeset " + changeSetsInChangelog());
            assertThat(got).hasSize(1);
            try (Connection c = got.get(0).getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database(), count(*) FROM pg_indexes"
                         + " WHERE indexname = 'idx_studies_fts'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("external_test");
                assertThat(rs.getInt(2)).isEqualTo(1);
            }
        }
    }

    @Test
    void externalModeNamesAMissingDatabase() throws Exception {
        DatabaseSettings settings = DatabaseSettings.parse(DatabaseSettings.Raw.external(jdbcUrl("no_such_db"),
                "postgres", password()), Placeholders.ofRuntime());
        try (RouterDatabase external = new RouterDatabase(Awaits.fastRetry(settings), ds -> { })) {
            external.start();
            assertThat(Awaits.downWithReason(external).detail())
                    .contains("database \"no_such_db\" does not exist").contains("CREATE DATABASE");
        }
    }

    static List<String> studyUids(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int port() {
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(ready.detail());
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    private static String password() throws IOException {
        return Files.readString(dir.resolve("pg").resolve(EmbeddedPostgresServer.PASSWORD_FILE)).trim();
    }

    private static Connection superuser(String database) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl(database));
        ds.setUser("postgres");
        ds.setPassword(password());
        return ds.getConnection();
    }

    /** Counted from the changelog files, so adding a change set does not break this test. */
    static int changeSetsInChangelog() throws IOException {
        return changeSetIds().size();
    }

    /** The changeset ids of every file the master changelog includes, in order. */
    static List<String> changeSetIds() throws IOException {
        List<String> ids = new java.util.ArrayList<>();
        String master;
        try (InputStream in = EmbeddedDatabaseTest.class.getResourceAsStream("/db/changelog/db.changelog-master.yaml")) {
            master = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : master.lines().map(String::trim).filter(l -> l.startsWith("file:")).toList()) {
            String file = line.substring("file:".length()).trim();
            try (InputStream in = EmbeddedDatabaseTest.class.getResourceAsStream("/" + file)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                text.lines().filter(l -> l.startsWith("--changeset "))
                        .forEach(l -> ids.add(l.substring(l.indexOf(':') + 1).trim().split("\\s+")[0]));
            }
        }
        return ids;
    }
}
