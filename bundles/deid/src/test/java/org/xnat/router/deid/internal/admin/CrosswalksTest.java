package org.xnat.router.deid.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.xnat.router.deid.CrosswalkPage;
import org.xnat.router.deid.internal.broker.Crosswalk;
import org.xnat.router.deid.internal.broker.IdType;
import org.xnat.router.deid.internal.broker.InMemoryCrosswalk;
import org.xnat.router.deid.internal.broker.JdbcCrosswalk;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * The admin view of crosswalks on a real PostgreSQL with the router schema, and in memory: search by either value
 * with paging, wildcards taken literally, CSV export, and a lookup that never makes a mapping.
 */
class CrosswalksTest {

    private static final PgBinaryResolver BINARIES = (system, hardware) -> {
        String name = "/postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + hardware + ".txz";
        InputStream in = CrosswalksTest.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no embedded PostgreSQL binaries " + name);
        }
        return in;
    };

    @TempDir
    Path dir;

    @Test
    void searchExportAndLookupOnPostgres() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setPgBinaryResolver(BINARIES).setPort(port).setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("unix_socket_directories", "''")
                .start()) {
            migrate(pg);
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
            ds.setUser("postgres");
            ds.setPassword("postgres");
            checkAll(new JdbcCrosswalk(ds));
        }
    }

    @Test
    void searchExportAndLookupInMemory() throws Exception {
        checkAll(new InMemoryCrosswalk());
    }

    private static void checkAll(Crosswalk cw) throws Exception {
        for (int i = 1; i <= 25; i++) {
            String original = "PAT" + i;
            cw.resolve("b1", IdType.PATIENT_ID, original, (seq, attempt) -> "SUBJ_" + seq);
        }
        cw.resolve("b1", IdType.PATIENT_ID, "odd_100%", (seq, attempt) -> "SUBJ_" + seq);
        cw.resolve("b1", IdType.ACCESSION, "ACC,\"9\"", (seq, attempt) -> "A" + seq);
        cw.resolve("other", IdType.PATIENT_ID, "PAT1", (seq, attempt) -> "X_" + seq);
        CrosswalksComponent crosswalks = new CrosswalksComponent(cw);

        CrosswalkPage all = crosswalks.search("b1", null, null, 10, 0);
        assertThat(all.total()).isEqualTo(27);
        assertThat(all.entries()).hasSize(10);
        assertThat(all.entries()).allMatch(e -> e.broker().equals("b1"));

        CrosswalkPage page = crosswalks.search("b1", "patient_id", "pat1", 5, 2);
        // PAT1, PAT10..PAT19: 11 matches (case ignored), by sequence; skip 2 -> PAT11..PAT15
        assertThat(page.total()).isEqualTo(11);
        assertThat(page.entries()).extracting(e -> e.original()).containsExactly("PAT11", "PAT12", "PAT13", "PAT14", "PAT15");

        CrosswalkPage byResearch = crosswalks.search("b1", "patient_id", "subj_2", 50, 0);
        assertThat(byResearch.entries()).extracting(e -> e.researchId()).contains("SUBJ_2", "SUBJ_20", "SUBJ_25");

        // % and _ are text, not wildcards
        assertThat(crosswalks.search("b1", null, "_100%", 50, 0).entries()).extracting(e -> e.original())
                .containsExactly("odd_100%");
        assertThat(crosswalks.search("b1", null, "T_", 50, 0).total()).isZero();

        StringWriter csv = new StringWriter();
        assertThat(crosswalks.exportCsv("b1", "accession", csv)).isEqualTo(1);
        assertThat(csv.toString()).startsWith("broker,id_type,original,research_id,seq,created_at\r\n")
                .contains("b1,accession,\"ACC,\"\"9\"\"\",A1,1,");

        assertThat(crosswalks.lookup("b1", "patient_id", "PAT7")).contains("SUBJ_7");
        assertThat(crosswalks.lookup("b1", "patient_id", "NEVER-SEEN")).isEmpty();
        assertThat(cw.find("b1", IdType.PATIENT_ID, "NEVER-SEEN")).isNull();
        assertThat(crosswalks.search("b1", "patient_id", null, 100, 0).total()).isEqualTo(26);

        assertThatThrownBy(() -> crosswalks.search("b1", "patients", null, 10, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patient_id");
        assertThatThrownBy(() -> crosswalks.search("b1", null, null, 5000, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> crosswalks.lookup("b1", null, "PAT1")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void migrate(EmbeddedPostgres pg) throws Exception {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.classLoader.name(), Liquibase.class.getClassLoader());
        scope.put("liquibase.analytics.enabled", Boolean.FALSE);
        scope.put("liquibase.showBanner", Boolean.FALSE);
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            Scope.child(scope, () -> {
                Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                new Liquibase("db/changelog/db.changelog-master.yaml",
                        new ClassLoaderResourceAccessor(CrosswalksTest.class.getClassLoader()), db)
                        .update(new Contexts(), new LabelExpression());
            });
        }
    }
}
