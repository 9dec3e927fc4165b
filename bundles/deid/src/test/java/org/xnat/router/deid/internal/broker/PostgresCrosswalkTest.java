package org.xnat.router.deid.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.api.config.ComponentConfig;

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
 * The local honest broker on a real PostgreSQL 16 (zonky) with the router schema from the persistence bundle's
 * changelog (006-crosswalk included): every naming scheme gives the same research IDs after the database and
 * the broker were restarted, sequential numbers stay unique under concurrency, mappings cannot be changed.
 */
class PostgresCrosswalkTest {

    private static final PgBinaryResolver BINARIES = (system, hardware) -> {
        String name = "/postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + hardware + ".txz";
        InputStream in = PostgresCrosswalkTest.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no embedded PostgreSQL binaries " + name);
        }
        return in;
    };

    @TempDir
    Path dir;

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false)
                .setPgBinaryResolver(BINARIES).setPort(port).setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("unix_socket_directories", "''")
                .start();
    }

    private static PGSimpleDataSource dataSource(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        ds.setUser("postgres");
        ds.setPassword("postgres");
        ds.setConnectTimeout(10);
        ds.setSocketTimeout(60);
        return ds;
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
                        new ClassLoaderResourceAccessor(PostgresCrosswalkTest.class.getClassLoader()), db)
                        .update(new Contexts(), new LabelExpression());
            });
        }
    }

    private static ComponentConfig broker(String scheme) {
        return new ComponentConfig("broker-" + scheme, "honest-broker", Map.of("broker_type", "local",
                "naming_scheme", scheme, "patient_id_prefix", "SUBJ_", "patient_name_prefix", "RES_",
                "date_shift_enabled", true, "date_shift_min_days", -30, "date_shift_max_days", -10,
                "hash_uids_enabled", true, "hash_key", "pg-test-key"));
    }

    private static Attributes instance(String pid, String sop) {
        Attributes a = new Attributes();
        a.setString(Tag.PatientID, VR.LO, pid);
        a.setString(Tag.PatientName, VR.PN, "Name^" + pid);
        a.setString(Tag.StudyDate, VR.DA, "20240301");
        a.setString(Tag.AccessionNumber, VR.SH, "ACC-" + pid);
        a.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3." + pid.length());
        a.setString(Tag.SOPInstanceUID, VR.UI, sop);
        return a;
    }

    private static List<String> mapAll(JdbcCrosswalk cw, String scheme) throws Exception {
        BrokerProcessor p = new BrokerProcessor(HonestBrokerProcessorFactory.broker(BrokerSettings.parse(broker(scheme)), cw));
        List<String> out = new ArrayList<>();
        for (String pid : List.of("P1", "P22", "P333", "P1")) {
            Attributes a = instance(pid, "1.2.3.4." + pid.length());
            p.process(a, null);
            out.add(a.getString(Tag.PatientID) + "|" + a.getString(Tag.PatientName) + "|" + a.getString(Tag.StudyDate)
                    + "|" + a.getString(Tag.AccessionNumber) + "|" + a.getString(Tag.StudyInstanceUID) + "|"
                    + a.getString(Tag.SOPInstanceUID));
        }
        return out;
    }

    @Test
    void everySchemeIsStableAcrossRestartsAndSafeUnderConcurrency() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> schemes = List.of("hash", "sequential", "adjective_animal", "color_animal", "nato_phonetic");
        Map<String, List<String>> before = new HashMap<>();
        try (EmbeddedPostgres pg = start(port)) {
            migrate(pg);
            JdbcCrosswalk cw = new JdbcCrosswalk(dataSource(port));
            for (String scheme : schemes) {
                List<String> got = mapAll(cw, scheme);
                before.put(scheme, got);
                assertThat(got.get(0)).as(scheme + ": same patient, same everything").isEqualTo(got.get(3));
                assertThat(new HashSet<>(got.subList(0, 3))).as(scheme + ": patients differ").hasSize(3);
                for (String row : got) {
                    String[] f = row.split("\\|");
                    assertThat(f[0]).startsWith("SUBJ_");
                    assertThat(f[1]).isEqualTo("RES_" + f[0].substring(5));
                    assertThat(Integer.parseInt(f[2])).isBetween(20240131, 20240220);
                    assertThat(f[4]).startsWith("2.25.");
                }
            }
            assertThat(before.get("sequential").get(0)).startsWith("SUBJ_000001|");
            assertThat(before.get("sequential").get(2)).startsWith("SUBJ_000003|");
            assertThat(before.get("adjective_animal").get(0)).matches("SUBJ_[A-Z]+_[A-Z]+\\|.*");
            assertThat(before.get("nato_phonetic").get(0)).matches("SUBJ_[A-Z]+_[A-Z]+_\\d\\d\\|.*");

            // 8 threads, 200 new patients at once: unique, gap-free sequence numbers
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<String>> jobs = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    String pid = "C" + i;
                    jobs.add(() -> cw.resolve("concurrent", IdType.PATIENT_ID, pid, (seq, attempt) -> Long.toString(seq + attempt)));
                }
                Set<String> ids = new HashSet<>();
                for (Future<String> f : pool.invokeAll(jobs, 120, TimeUnit.SECONDS)) {
                    ids.add(f.get());
                }
                assertThat(ids).hasSize(200);
                assertThat(ids.stream().mapToInt(Integer::parseInt).max().orElse(0)).isEqualTo(200);
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = dataSource(port).getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE crosswalk SET research_id = 'X' WHERE broker = ?")) {
                ps.setString(1, "broker-hash");
                assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class).hasMessageContaining("never changed");
            }
        }
        // restart: a new server process on the same data, new broker objects
        try (EmbeddedPostgres pg = start(port)) {
            JdbcCrosswalk cw = new JdbcCrosswalk(dataSource(port));
            for (String scheme : schemes) {
                assertThat(mapAll(cw, scheme)).as(scheme + " after restart").isEqualTo(before.get(scheme));
            }
            assertThat(cw.find("broker-sequential", IdType.PATIENT_ID, "P22")).isEqualTo("SUBJ_000002");

            // listing (router:crosswalk): by type then sequence, one type or all, and the sink may stop early
            List<Crosswalk.Mapping> ids = new ArrayList<>();
            cw.list("concurrent", IdType.PATIENT_ID, ids::add);
            assertThat(ids).hasSize(200);
            assertThat(ids).extracting(Crosswalk.Mapping::sequence).isSorted().startsWith(1L).endsWith(200L);
            assertThat(ids).allSatisfy(m -> assertThat(m.created()).isNotNull());
            List<Crosswalk.Mapping> all = new ArrayList<>();
            cw.list("broker-sequential", null, all::add);
            assertThat(all).extracting(m -> m.type().key()).contains("patient_id", "patient_name", "date_shift");
            assertThat(all).filteredOn(m -> m.type() == IdType.PATIENT_ID).extracting(Crosswalk.Mapping::researchId)
                    .containsExactly("SUBJ_000001", "SUBJ_000002", "SUBJ_000003");
            List<Crosswalk.Mapping> firstTwo = new ArrayList<>();
            cw.list("concurrent", null, m -> firstTwo.add(m) && firstTwo.size() < 2);
            assertThat(firstTwo).hasSize(2);
        }
    }
}
