package org.xnat.router.configstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.health.HealthStatus;
import org.xnat.router.configstore.ChangeAuthor;

/**
 * The file named by router.config: imported into an empty database, again only when it changed, and a refused
 * file keeps the current version with the "configuration" health DOWN until a valid version is saved.
 */
class StartupImportTest {

    @TempDir
    static Path dir;
    static TestDatabase db;
    Path file;

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
        file = Files.createTempFile(dir, "config", ".yaml");
    }

    /** Starts a store on the file, waits for the start-up import to be done, stops it; returns the version. */
    private long start(Map<String, Object>[] healthOut) throws Exception {
        ConfigStoreComponent store = Stores.component(db, file.toString());
        try {
            Stores.Recorder listener = new Stores.Recorder();
            store.addListener(listener);
            Stores.await(10, () -> !listener.versions.isEmpty());
            if (healthOut != null) {
                healthOut[0] = Map.of("status", store.check().status(), "detail", store.check().detail());
            }
            return listener.versions.get(0).id();
        } finally {
            store.deactivate();
        }
    }

    private long versions() throws Exception {
        return db.count("SELECT count(*) FROM config_versions");
    }

    @Test
    void theFileIsImportedIntoAnEmptyDatabaseAndAgainOnlyWhenItChanges() throws Exception {
        Files.writeString(file, Stores.BASE);
        long first = start(null);
        assertThat(first).isPositive();
        assertThat(versions()).isEqualTo(1);
        assertThat(db.query("SELECT author, action FROM config_versions").get(0))
                .containsEntry("author", "config-file").containsEntry("action", "config.import");
        assertThat(db.query("SELECT value::text AS v FROM settings WHERE key = 'config.file'").get(0).get("v").toString())
                .contains(StartupImport.sha256(Stores.BASE), "\"version\": " + first);

        // an administrator changes the configuration; the unchanged file does not undo that at the next start
        ConfigStoreComponent admin = Stores.component(db, "");
        long edited;
        try {
            edited = admin.update(-1, d -> Stores.route(d, 0).put("port", 12000), ChangeAuthor.local("admin"), "").id();
        } finally {
            admin.deactivate();
        }
        assertThat(start(null)).isEqualTo(edited);
        assertThat(versions()).isEqualTo(2);

        // the file changes: imported again
        Files.writeString(file, Stores.BASE.replace("11113", "11114"));
        long third = start(null);
        assertThat(third).isGreaterThan(edited);
        assertThat(versions()).isEqualTo(3);
        assertThat(db.query("SELECT document_text FROM config_versions WHERE id = ?", third).get(0).toString())
                .contains("11114");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRefusedFileKeepsTheCurrentVersionAndTheHealthIsDownUntilAValidVersionIsSaved() throws Exception {
        Files.writeString(file, Stores.BASE);
        long good = start(null);

        Files.writeString(file, Stores.BASE.replace("port: 11113", "port: 11112"));
        Map<String, Object>[] health = new Map[1];
        assertThat(start(health)).isEqualTo(good);
        assertThat(versions()).isEqualTo(1);
        assertThat(health[0]).containsEntry("status", HealthStatus.DOWN);
        assertThat(health[0].get("detail").toString()).contains("refused", "routes[1].port", "version " + good);

        // a restart with the same refused file and nothing saved since: still DOWN
        assertThat(start(health)).isEqualTo(good);
        assertThat(health[0]).containsEntry("status", HealthStatus.DOWN);

        // a valid version is saved (here by another instance): UP again, at once and after a restart
        ConfigStoreComponent running = Stores.component(db, file.toString());
        try {
            Stores.await(10, () -> running.check().status() == HealthStatus.DOWN);
            ConfigStoreComponent other = Stores.component(db, "");
            try {
                other.update(-1, d -> Stores.route(d, 0).put("description", "fixed"), ChangeAuthor.local("a"), "");
            } finally {
                other.deactivate();
            }
            Stores.await(10, () -> running.check().status() == HealthStatus.UP);
        } finally {
            running.deactivate();
        }
        start(health);
        assertThat(health[0]).containsEntry("status", HealthStatus.UP);
        assertThat(versions()).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRefusedFirstFileLeavesAnEmptyConfiguration() throws Exception {
        Files.writeString(file, "routes:\n  - ae_title: THIS_TITLE_IS_TOO_LONG\n    port: 104\n");
        Map<String, Object>[] health = new Map[1];
        assertThat(start(health)).isZero();
        assertThat(health[0]).containsEntry("status", HealthStatus.DOWN);
        assertThat(health[0].get("detail").toString()).contains("routes[0].ae_title");
        assertThat(versions()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutAFileTheDatabaseVersionIsUsedAndAMissingFileIsReported() throws Exception {
        Files.writeString(file, Stores.BASE);
        long imported = start(null);

        file = dir.resolve("absent.yaml");
        Files.deleteIfExists(file);
        Map<String, Object>[] health = new Map[1];
        assertThat(start(health)).isEqualTo(imported);
        assertThat(health[0]).containsEntry("status", HealthStatus.DOWN);
        assertThat(health[0].get("detail").toString()).contains("absent.yaml", "does not exist");

        ConfigStoreComponent noFile = Stores.component(db, " ");
        try {
            Stores.Recorder listener = new Stores.Recorder();
            noFile.addListener(listener);
            Stores.await(10, () -> !listener.versions.isEmpty());
            assertThat(listener.ids()).containsExactly(imported);
            assertThat(noFile.check().status()).isEqualTo(HealthStatus.UP);
        } finally {
            noFile.deactivate();
        }
        assertThat(versions()).isEqualTo(1);
    }
}
