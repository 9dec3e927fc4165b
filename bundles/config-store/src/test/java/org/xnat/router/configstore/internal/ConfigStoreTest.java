package org.xnat.router.configstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigRejectedException;
import org.xnat.router.configstore.ConfigVersion;

/** Saving, validating whole, conflicts and lost races, against a real PostgreSQL. */
@SuppressWarnings("unchecked")
class ConfigStoreTest {

    @TempDir
    static Path dir;
    static TestDatabase db;
    ConfigStoreComponent store;
    static final ChangeAuthor ALICE = new ChangeAuthor("alice", "10.1.2.3");

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void base() throws Exception {
        db.truncate();
        store = Stores.component(db, "");
        store.importYaml(Stores.BASE, "base.yaml", ChangeAuthor.local("setup"));
    }

    @AfterEach
    void close() {
        store.deactivate();
    }

    @Test
    void nothingSavedIsVersionZeroWithAnEmptyDocument() throws Exception {
        db.truncate();
        ConfigVersion v = store.current();
        assertThat(v.id()).isZero();
        assertThat(v.document()).isEmpty();
        assertThat(v.config().routes()).isEmpty();
    }

    @Test
    void anEditIsSavedAsANewVersionWithAuthorCommentAndTheResolvedConfig() throws Exception {
        ConfigVersion before = store.current();
        ConfigVersion v = store.update(before.id(), doc -> Stores.route(doc, 0).put("port", 11120), ALICE, "move");

        assertThat(v.id()).isGreaterThan(before.id());
        assertThat(v.author()).isEqualTo(ALICE);
        assertThat(v.comment()).isEqualTo("move");
        assertThat(v.config().routeForAeTitle("ROUTER").orElseThrow().port()).isEqualTo(11120);
        assertThat(store.current().id()).isEqualTo(v.id());
        assertThat(db.query("SELECT parent_id, author, remote_address, action FROM config_versions WHERE id = ?", v.id()))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("parent_id")).isEqualTo(before.id());
                    assertThat(r).containsEntry("author", "alice").containsEntry("remote_address", "10.1.2.3")
                            .containsEntry("action", "config.save");
                });
        // the document handed out cannot be changed behind the store's back
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> Stores.route(v.document(), 0).put("port", 1));
    }

    @Test
    void anEditThatChangesNothingSavesNothing() throws Exception {
        long before = db.count("SELECT count(*) FROM config_versions");
        ConfigVersion v = store.update(-1, doc -> Stores.route(doc, 0).put("port", 11112), ALICE, "same");
        assertThat(v.id()).isEqualTo(store.current().id());
        assertThat(db.count("SELECT count(*) FROM config_versions")).isEqualTo(before);
    }

    @Test
    void everyInvalidChangeIsRefusedWholeWithFieldPathsAndNothingIsStored() throws Exception {
        long versions = db.count("SELECT count(*) FROM config_versions");
        long audits = db.count("SELECT count(*) FROM audit_log");

        assertThat(rejected(doc -> routeDestination(doc, 0).put("destination", "nowhere")))
                .extracting(ConfigProblem::field).containsExactly("routes[0].destinations[0].destination");
        assertThat(rejected(doc -> Stores.route(doc, 1).put("port", 11112)))
                .extracting(ConfigProblem::field).containsExactly("routes[1].port");
        assertThat(rejected(doc -> Stores.route(doc, 0).put("ae_title", "A_TITLE_MUCH_TOO_LONG")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("routes[0].ae_title");
                    assertThat(p.message()).contains("at most 16");
                });
        assertThat(rejected(doc -> Stores.route(doc, 0).put("filters", List.of(new LinkedHashMap<>(Map.of(
                "tag", "SeriesDescription", "operator", "matches", "value", "([unclosed"))))))
                .extracting(ConfigProblem::field).containsExactly("routes[0].filters[0].value");
        assertThat(rejected(doc -> Stores.destination(doc, "pacs").remove("host")))
                .extracting(ConfigProblem::field, ConfigProblem::message)
                .containsExactly(tuple("destinations.pacs.host", "is required"));
        // several problems at once: all of them, and none of the valid parts of the change is kept
        List<ConfigProblem> several = rejected(doc -> {
            Stores.route(doc, 0).put("description", "a valid part of the change");
            Stores.route(doc, 0).put("port", 70000);
            Stores.destination(doc, "store").remove("path");
        });
        assertThat(several).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("routes[0].port", "destinations.store.path");
        // not JSON at all
        assertThat(rejected(doc -> doc.put("settings", new Object())))
                .extracting(ConfigProblem::field).containsExactly("settings");

        assertThat(db.count("SELECT count(*) FROM config_versions")).isEqualTo(versions);
        assertThat(db.count("SELECT count(*) FROM audit_log")).isEqualTo(audits);
        assertThat(store.current().config().routeForAeTitle("ROUTER").orElseThrow().description()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> routeDestination(Map<String, Object> doc, int route) {
        return (Map<String, Object>) ((List<Object>) Stores.route(doc, route).get("destinations")).get(0);
    }

    private List<ConfigProblem> rejected(Consumer<Map<String, Object>> edit) {
        ConfigRejectedException e = assertThatExceptionOfType(ConfigRejectedException.class)
                .isThrownBy(() -> store.update(-1, edit, ALICE, "bad")).actual();
        assertThat(e.conflict()).isFalse();
        assertThat(store.validate(apply(edit))).isEqualTo(e.problems());
        return e.problems();
    }

    private Map<String, Object> apply(Consumer<Map<String, Object>> edit) {
        Map<String, Object> copy = Documents.mutableCopy(store.current().document());
        edit.accept(copy);
        return copy;
    }

    @Test
    void aDestinationTypeFactoryChecksItsDestinations() throws Exception {
        store.addDestinationFactory(new BucketFactory(), Map.of("router.destination.type", "bucket"));
        ConfigRejectedException e = assertThatExceptionOfType(ConfigRejectedException.class)
                .isThrownBy(() -> store.update(-1, doc -> ((Map<String, Object>) doc.get("destinations"))
                        .put("cold", new LinkedHashMap<>(Map.of("type", "bucket", "region", "eu"))), ALICE, "add"))
                .actual();
        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::message)
                .containsExactly(tuple("destinations.cold.bucket", "is required for type 'bucket'"));

        ConfigVersion ok = store.update(-1, doc -> ((Map<String, Object>) doc.get("destinations"))
                .put("cold", new LinkedHashMap<>(Map.of("type", "bucket", "bucket", "b1"))), ALICE, "add");
        assertThat(ok.config().destination("cold").orElseThrow().properties()).containsEntry("bucket", "b1");
    }

    @Test
    void aChangeBasedOnAnOldVersionIsAConflict() throws Exception {
        long base = store.current().id();
        store.update(base, doc -> Stores.route(doc, 0).put("description", "first"), ALICE, "first");

        ConfigRejectedException e = assertThatExceptionOfType(ConfigRejectedException.class)
                .isThrownBy(() -> store.update(base, doc -> Stores.route(doc, 0).put("description", "second"),
                        new ChangeAuthor("bob", ""), "second"))
                .actual();
        assertThat(e.conflict()).isTrue();
        assertThat(e.getMessage()).contains("version " + base, "current: " + (base + 1));
        assertThat(store.current().config().routes().get(0).description()).isEqualTo("first");
    }

    @Test
    void withVersionMinusOneALostRaceIsRetriedOnTheNewVersionAndBothChangesSurvive() throws Exception {
        ConfigStoreComponent other = Stores.component(db, "");
        try {
            List<Long> bases = new ArrayList<>();
            ConfigVersion mine = store.update(-1, doc -> {
                bases.add(store.store().currentId());
                if (bases.size() == 1) {
                    // another instance saves between our read and our insert
                    try {
                        other.update(-1, d -> Stores.route(d, 1).put("description", "theirs"), ALICE, "theirs");
                    } catch (ConfigRejectedException e) {
                        throw new AssertionError(e);
                    }
                }
                Stores.route(doc, 0).put("description", "mine");
            }, new ChangeAuthor("bob", ""), "mine");

            assertThat(bases).hasSize(2);
            assertThat(bases.get(1)).isEqualTo(bases.get(0) + 1);
            assertThat(mine.config().routes()).extracting(r -> r.description()).containsExactly("mine", "theirs");
            // linear: every version's parent is the one before it (ids may have gaps: the lost insert used one)
            List<Map<String, Object>> rows = db.query("SELECT id, parent_id FROM config_versions ORDER BY id");
            assertThat(rows).hasSize(3);
            for (int i = 1; i < rows.size(); i++) {
                assertThat(rows.get(i).get("parent_id")).isEqualTo(rows.get(i - 1).get("id"));
            }
        } finally {
            other.deactivate();
        }
    }

    @Test
    void twoConcurrentSavesOnTheSameVersionCannotBothWin() throws Exception {
        long base = store.current().id();
        int threads = 6;
        List<Thread> all = new ArrayList<>();
        List<Object> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        for (int i = 0; i < threads; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    outcomes.add(store.update(base, d -> Stores.route(d, 0).put("description", "writer " + n),
                            ALICE, "race"));
                } catch (ConfigRejectedException e) {
                    outcomes.add(e);
                } catch (Exception e) {
                    outcomes.add(e);
                }
            });
            all.add(t);
            t.start();
        }
        for (Thread t : all) {
            t.join(30_000);
        }
        assertThat(outcomes).hasSize(threads);
        assertThat(outcomes).filteredOn(o -> o instanceof ConfigVersion).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ConfigRejectedException r && r.conflict())
                .hasSize(threads - 1);
        assertThat(db.count("SELECT count(*) FROM config_versions WHERE parent_id = ?", base)).isEqualTo(1);
    }

    /** A plugin destination type that needs a bucket. */
    static final class BucketFactory implements org.xnat.router.api.destination.DestinationFactory {
        @Override
        public String type() {
            return "bucket";
        }

        @Override
        public void validate(org.xnat.router.api.config.ComponentConfig config)
                throws org.xnat.router.api.config.InvalidConfigurationException {
            config.require("bucket");
        }

        @Override
        public org.xnat.router.api.destination.Destination create(org.xnat.router.api.config.ComponentConfig config) {
            throw new UnsupportedOperationException();
        }
    }
}
