package org.xnat.router.configstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigChange;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.configstore.ConfigVersionSummary;

/** History with changed paths, diffs (routes by AE title), rollback, and the audit row of every version. */
class HistoryTest {

    @TempDir
    static Path dir;
    static TestDatabase db;
    ConfigStoreComponent store;
    ConfigVersion base;

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
        store = Stores.component(db, "");
        base = store.importYaml(Stores.BASE, "base.yaml", new ChangeAuthor("shell:karaf", ""));
    }

    @AfterEach
    void close() {
        store.deactivate();
    }

    @Test
    void historyListsVersionsNewestFirstWithTheirChangedPaths() throws Exception {
        ConfigVersion v2 = store.update(-1, d -> {
            Stores.route(d, 1).put("port", 11199);
            Stores.destination(d, "pacs").put("host", "pacs.example.org");
        }, new ChangeAuthor("admin-key", "192.0.2.7"), "new PACS host");

        List<ConfigVersionSummary> history = store.history(10, 0);
        assertThat(history).extracting(ConfigVersionSummary::id, s -> s.author().name(), ConfigVersionSummary::comment)
                .containsExactly(tuple(v2.id(), "admin-key", "new PACS host"),
                        tuple(base.id(), "shell:karaf", "imported from base.yaml"));
        assertThat(history.get(0).changes()).containsExactly("destinations.pacs.host", "routes[SECOND].port");
        assertThat(history.get(1).changes()).containsExactly("destinations", "routes");
        assertThat(store.history(1, 1)).extracting(ConfigVersionSummary::id).containsExactly(base.id());
    }

    @Test
    void routesAreDiffedByAeTitleSoAnInsertedRouteIsOneAddition() throws Exception {
        ConfigVersion v2 = store.update(-1, d -> Stores.routes(d).add(0, new LinkedHashMap<>(Map.of(
                "ae_title", "NEW", "port", 11150, "destinations", List.of(Map.of("destination", "store"))))),
                ChangeAuthor.local("t"), "insert");
        List<ConfigChange> diff = store.diff(base.id(), v2.id());
        assertThat(diff).extracting(ConfigChange::op, ConfigChange::path).containsExactly(tuple("add", "/routes/0"));
        assertThat(store.history(1, 0).get(0).changes()).containsExactly("routes[NEW]");

        // a changed route is found at its new index; a removed one at its old index
        ConfigVersion v3 = store.update(-1, d -> {
            Stores.routes(d).remove(1); // ROUTER
            Stores.route(d, 1).put("description", "now second"); // SECOND, index 1 in the new document
        }, ChangeAuthor.local("t"), "remove");
        assertThat(store.diff(v2.id(), v3.id())).extracting(ConfigChange::op, ConfigChange::path, ConfigChange::newValue)
                .containsExactly(tuple("remove", "/routes/1", null), tuple("add", "/routes/1/description", "now second"));
        assertThat(store.history(1, 0).get(0).changes()).containsExactly("routes[ROUTER]", "routes[SECOND].description");

        // the same routes in another order: the list is replaced
        ConfigVersion v4 = store.update(-1, d -> java.util.Collections.reverse(Stores.routes(d)), ChangeAuthor.local("t"),
                "reorder");
        assertThat(store.diff(v3.id(), v4.id())).extracting(ConfigChange::op, ConfigChange::path)
                .containsExactly(tuple("replace", "/routes"));
    }

    @Test
    void diffsHaveOldAndNewValuesAndVersionZeroIsTheEmptyDocument() throws Exception {
        ConfigVersion v2 = store.update(-1, d -> Stores.route(d, 0).put("port", 11120), ChangeAuthor.local("t"), "");
        assertThat(store.diff(base.id(), v2.id())).containsExactly(
                new ConfigChange("replace", "/routes/0/port", 11112, 11120));
        assertThat(store.diff(v2.id(), base.id())).containsExactly(
                new ConfigChange("replace", "/routes/0/port", 11120, 11112));
        assertThat(store.diff(0, base.id())).extracting(ConfigChange::op, ConfigChange::path)
                .containsExactly(tuple("add", "/destinations"), tuple("add", "/routes"));
        assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> store.diff(base.id(), 999));
        // the diff column holds the changes as JSON Patch operations
        assertThat(db.query("SELECT diff::text AS d FROM config_versions WHERE id = ?", v2.id()).get(0).get("d"))
                .asString().contains("\"op\": \"replace\"", "\"path\": \"/routes/0/port\"", "\"value\": 11120");
    }

    @Test
    void rollbackSavesTheOldDocumentAsANewVersion() throws Exception {
        ConfigVersion v2 = store.update(-1, d -> Stores.route(d, 0).put("port", 11120), ChangeAuthor.local("t"), "");
        ConfigVersion v3 = store.rollback(base.id(), new ChangeAuthor("shell:karaf", ""));

        assertThat(v3.id()).isGreaterThan(v2.id());
        assertThat(v3.document()).isEqualTo(base.document());
        assertThat(v3.comment()).isEqualTo("rollback to version " + base.id());
        assertThat(store.current().config().routes().get(0).port()).isEqualTo(11112);
        assertThat(db.query("SELECT action FROM config_versions WHERE id = ?", v3.id()).get(0))
                .containsEntry("action", "config.rollback");
        assertThatExceptionOfType(NoSuchElementException.class)
                .isThrownBy(() -> store.rollback(12345, ChangeAuthor.local("t")));
    }

    @Test
    void everyVersionWritesAnAuditRowInTheSameTransaction() throws Exception {
        ConfigVersion v2 = store.update(-1, d -> Stores.route(d, 0).put("port", 11120),
                new ChangeAuthor("admin-key", "2001:db8::1"), "port change");
        ConfigVersion v3 = store.rollback(base.id(), new ChangeAuthor("shell:karaf", "not-an-address"));

        List<Map<String, Object>> audit = db.query("SELECT actor, action, target_type, target_id,"
                + " host(remote_address) AS remote, detail::text AS detail FROM audit_log ORDER BY id");
        assertThat(audit).extracting(r -> r.get("actor"), r -> r.get("action"), r -> r.get("target_id"),
                r -> r.get("remote")).containsExactly(
                        tuple("shell:karaf", "config.import", String.valueOf(base.id()), null),
                        tuple("admin-key", "config.save", String.valueOf(v2.id()), "2001:db8::1"),
                        tuple("shell:karaf", "config.rollback", String.valueOf(v3.id()), null));
        assertThat(audit).extracting(r -> r.get("target_type")).containsOnly("config_version");
        assertThat((String) audit.get(1).get("detail")).contains("\"comment\": \"port change\"",
                "\"changes\": [\"routes[ROUTER].port\"]");
        assertThat((String) audit.get(2).get("detail")).contains("\"remote\": \"not-an-address\"");
    }

    @Test
    void whenTheAuditRowCannotBeWrittenTheVersionIsNotSavedEither() throws Exception {
        db.execute("CREATE FUNCTION refuse_saboteur() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.actor = 'saboteur' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$");
        db.execute("CREATE TRIGGER refuse_saboteur BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_saboteur()");
        try {
            long versions = db.count("SELECT count(*) FROM config_versions");
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> store.update(-1, d -> Stores.route(d, 0).put("port", 11130),
                            ChangeAuthor.local("saboteur"), "x"))
                    .withMessageContaining("audit refused");
            assertThat(db.count("SELECT count(*) FROM config_versions")).isEqualTo(versions);
            assertThat(store.current().id()).isEqualTo(base.id());
        } finally {
            db.execute("DROP TRIGGER refuse_saboteur ON audit_log");
            db.execute("DROP FUNCTION refuse_saboteur()");
        }
    }
}
