package org.xnat.router.configstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.internal.YamlConfigFiles;
import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigRejectedException;
import org.xnat.router.configstore.ConfigVersion;

/** config.yaml in and out: the round trip, {@code ${ENV}} kept as text in the database, problems with lines. */
class ImportExportTest {

    /** The example shipped with the router and the richest test configuration of the config bundle. */
    static final Path EXAMPLE = Path.of("../../config/config.yaml");
    static final Path MULTI_ROUTE = Path.of("../config/src/test/resources/configs/multi-route.yaml");
    static final Map<String, String> MULTI_ROUTE_ENV = Map.of("XNAT_PASSWORD", "xnat-s3cret", "QA_PORT", "11115");

    @TempDir
    static Path dir;
    static TestDatabase db;
    ConfigStoreComponent store;

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        db.truncate();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.deactivate();
        }
    }

    private ConfigStoreComponent store(Map<String, String> env) {
        store = new ConfigStoreComponent(db.dataSource(), new YamlConfigFiles(), java.time.Duration.ofMillis(100), "",
                env);
        return store;
    }

    @Test
    void theExampleConfigurationRoundTrips() throws Exception {
        roundTrip(Files.readString(EXAMPLE), Map.of());
    }

    @Test
    void theRichestTestConfigurationRoundTrips() throws Exception {
        roundTrip(Files.readString(MULTI_ROUTE), MULTI_ROUTE_ENV);
    }

    private void roundTrip(String yaml, Map<String, String> env) throws Exception {
        ConfigStoreComponent s = store(env);
        ConfigVersion imported = s.importYaml(yaml, "config.yaml", ChangeAuthor.local("shell:karaf"));
        RouterConfig fromFile = new YamlConfigFiles().read(yaml, "config.yaml", env).config();
        assertThat(imported.config()).isEqualTo(fromFile);

        String exported = s.exportYaml();
        assertThat(exported).startsWith("# XNAT DICOM Router configuration, version " + imported.id());
        // the export reads as the same configuration ...
        assertThat(new YamlConfigFiles().read(exported, "exported.yaml", env).config()).isEqualTo(fromFile);
        // ... and imports as the identical document: nothing to save
        assertThat(Documents.fromYaml(exported)).isEqualTo(imported.document());
        ConfigVersion again = s.importYaml(exported, "exported.yaml", ChangeAuthor.local("shell:karaf"));
        assertThat(again.id()).isEqualTo(imported.id());
        assertThat(db.count("SELECT count(*) FROM config_versions")).isEqualTo(1);
    }

    @Test
    void environmentReferencesStayUnresolvedInTheDatabaseButAreResolvedInTheConfig() throws Exception {
        ConfigStoreComponent s = store(MULTI_ROUTE_ENV);
        ConfigVersion v = s.importYaml(Files.readString(MULTI_ROUTE), "multi-route.yaml", ChangeAuthor.local("t"));

        assertThat(v.config().destination("xnat-prod").orElseThrow().properties()).containsEntry("password", "xnat-s3cret");
        assertThat(Stores.destination(v.document(), "xnat-prod")).containsEntry("password", "${XNAT_PASSWORD}");
        assertThat(Stores.destination(v.document(), "xnat-prod")).containsEntry("type", "xnat"); // from !<xnat>
        Map<String, Object> row = db.query("SELECT document::text AS doc, document_text, diff::text AS diff"
                + " FROM config_versions").get(0);
        for (Object column : row.values()) {
            assertThat((String) column).doesNotContain("xnat-s3cret").contains("${XNAT_PASSWORD}");
        }
        assertThat(db.query("SELECT detail::text AS d FROM audit_log").get(0).get("d").toString())
                .doesNotContain("xnat-s3cret");
        assertThat(s.exportYaml()).contains("password: ${XNAT_PASSWORD}").doesNotContain("xnat-s3cret");
    }

    @Test
    void textsThatLookLikeNumbersOrBooleansKeepTheirMeaning() throws Exception {
        ConfigStoreComponent s = store(Map.of());
        String yaml = """
                destinations:
                  store: {type: file, path: /tmp/s}
                routes:
                  - ae_title: 007
                    port: 11112
                    enabled: yes
                    destinations: [store]
                    filters:
                      - tag: StudyID
                        value: 1.10
                      - tag: PatientSex
                        value: no
                """;
        ConfigVersion v = s.importYaml(yaml, "odd.yaml", ChangeAuthor.local("t"));
        assertThat(v.config()).isEqualTo(new YamlConfigFiles().read(yaml, "odd.yaml", Map.of()).config());
        assertThat(v.config().routes().get(0).aeTitle()).isEqualTo("007");
        assertThat(v.config().routes().get(0).filters()).extracting(f -> f.value()).containsExactly("1.10", "no");
        assertThat(new YamlConfigFiles().read(s.exportYaml(), "x", Map.of()).config()).isEqualTo(v.config());
    }

    @Test
    void anInvalidFileIsRefusedWithFileLineAndFieldAndNothingIsStored() throws Exception {
        ConfigStoreComponent s = store(Map.of());
        ConfigRejectedException e = assertThatExceptionOfType(ConfigRejectedException.class)
                .isThrownBy(() -> s.importYaml("""
                        destinations:
                          store: {type: file, path: /tmp/s}
                        routes:
                          - ae_title: ROUTER
                            port: 70000
                            destinations: [nowhere]
                        """, "bad.yaml", ChangeAuthor.local("t")))
                .actual();
        assertThat(e.problems()).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("routes[0].port", "routes[0].destinations[0].destination");
        assertThat(e.problems()).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m).startsWith("bad.yaml:5:"));
        assertThat(db.count("SELECT count(*) FROM config_versions")).isZero();
        assertThat(db.count("SELECT count(*) FROM audit_log")).isZero();

        assertThatExceptionOfType(ConfigRejectedException.class)
                .isThrownBy(() -> s.importYaml("routes: [unclosed", "broken.yaml", ChangeAuthor.local("t")))
                .satisfies(x -> assertThat(x.problems().get(0).message()).contains("not valid YAML"));
    }

    @Test
    void anEmptyStoreExportsAComment() {
        assertThat(store(Map.of()).exportYaml()).startsWith("#");
    }
}
