package org.xnat.router.rest.admin.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.internal.RealConfigStore;
import org.xnat.router.testing.TestDatabase;

/**
 * One real PostgreSQL (router schema) per test class and, per test, an empty configuration history under the
 * production config store.
 */
abstract class StoreFixture {

    static final Map<String, String> ENV = Map.of("XNAT_PW", "from-env");

    private static Path pgDir;
    static TestDatabase db;

    ConfigStore store;

    @BeforeAll
    static void startDatabase() throws Exception {
        pgDir = Files.createTempDirectory("rest-admin-pg");
        db = TestDatabase.start(pgDir.resolve("pg"));
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void openStore() throws Exception {
        db.execute("TRUNCATE config_versions, audit_log RESTART IDENTITY");
        store = RealConfigStore.open(db.dataSource(), ENV);
    }

    @AfterEach
    void closeStore() {
        RealConfigStore.close(store);
    }
}
