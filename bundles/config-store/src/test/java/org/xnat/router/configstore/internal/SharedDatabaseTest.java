package org.xnat.router.configstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigVersion;

/** Listeners: current version first, then every version in order, also versions saved by another instance. */
class SharedDatabaseTest {

    @TempDir
    static Path dir;
    static TestDatabase db;

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void clean() throws Exception {
        db.truncate();
    }

    @Test
    void aListenerGetsTheCurrentVersionAtOnceThenEveryNewOneInOrderOnOneThread() throws Exception {
        ConfigStoreComponent store = Stores.component(db, "");
        try {
            ConfigVersion first = store.importYaml(Stores.BASE, "base.yaml", ChangeAuthor.local("setup"));
            Stores.Recorder listener = new Stores.Recorder();
            store.addListener(listener);
            Stores.await(5, () -> listener.versions.size() == 1);
            assertThat(listener.ids()).containsExactly(first.id());
            assertThat(listener.versions.get(0).config().routes()).hasSize(2);

            long a = store.update(-1, d -> Stores.route(d, 0).put("port", 12001), ChangeAuthor.local("t"), "a").id();
            long b = store.update(-1, d -> Stores.route(d, 0).put("port", 12002), ChangeAuthor.local("t"), "b").id();
            long c = store.update(-1, d -> Stores.route(d, 0).put("port", 12003), ChangeAuthor.local("t"), "c").id();
            Stores.await(5, () -> listener.versions.size() == 4);
            assertThat(listener.ids()).containsExactly(first.id(), a, b, c);
            assertThat(listener.threads).containsOnly("config-store-notifier");

            store.removeListener(listener);
            store.update(-1, d -> Stores.route(d, 0).put("port", 12004), ChangeAuthor.local("t"), "d");
            Thread.sleep(400);
            assertThat(listener.versions).hasSize(4);
        } finally {
            store.deactivate();
        }
    }

    @Test
    void anEmptyDatabaseGivesListenersVersionZero() throws Exception {
        ConfigStoreComponent store = Stores.component(db, "");
        try {
            Stores.Recorder listener = new Stores.Recorder();
            store.addListener(listener);
            Stores.await(5, () -> listener.versions.size() == 1);
            assertThat(listener.ids()).containsExactly(0L);
            assertThat(listener.versions.get(0).config().routes()).isEmpty();
        } finally {
            store.deactivate();
        }
    }

    @Test
    void aChangeSavedByOneInstanceReachesTheOtherInstancesListenerWithinSeconds() throws Exception {
        ConfigStoreComponent one = Stores.component(db, "");
        ConfigStoreComponent two = Stores.component(db, "");
        try {
            one.importYaml(Stores.BASE, "base.yaml", ChangeAuthor.local("setup"));
            Stores.Recorder onTwo = new Stores.Recorder();
            two.addListener(onTwo);
            Stores.await(5, () -> !onTwo.versions.isEmpty());

            long saved = System.nanoTime();
            ConfigVersion v = one.update(-1, d -> Stores.route(d, 1).put("port", 12100),
                    new ChangeAuthor("alice", "127.0.0.1"), "moved on instance one");
            Stores.await(5, () -> onTwo.ids().contains(v.id()));
            long millis = (System.nanoTime() - saved) / 1_000_000;

            ConfigVersion seen = onTwo.versions.get(onTwo.versions.size() - 1);
            assertThat(seen.config().routeForAeTitle("SECOND").orElseThrow().port()).isEqualTo(12100);
            assertThat(seen.comment()).isEqualTo("moved on instance one");
            assertThat(seen.author().name()).isEqualTo("alice");
            assertThat(millis).isLessThan(3000);
            assertThat(two.current().id()).isEqualTo(v.id());
        } finally {
            one.deactivate();
            two.deactivate();
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() throws Exception {
        ConfigStoreComponent store = Stores.component(db, "");
        try {
            store.importYaml(Stores.BASE, "base.yaml", ChangeAuthor.local("setup"));
            store.addListener(v -> {
                throw new IllegalStateException("listener bug");
            });
            Stores.Recorder good = new Stores.Recorder();
            store.addListener(good);
            ConfigVersion v = store.update(-1, d -> Stores.route(d, 0).put("port", 12200), ChangeAuthor.local("t"), "x");
            Stores.await(5, () -> good.ids().contains(v.id()));
        } finally {
            store.deactivate();
        }
    }

    @Test
    void aVersionThatUsesAVariableThisInstanceLacksIsNotAppliedHereAndTheHealthSaysWhy() throws Exception {
        ConfigStoreComponent one = Stores.component(db, "");
        ConfigStoreComponent two = new ConfigStoreComponent(db.dataSource(),
                new org.xnat.router.config.internal.YamlConfigFiles(), java.time.Duration.ofMillis(100), "",
                java.util.Map.of());
        try {
            ConfigVersion base = one.importYaml(Stores.BASE, "base.yaml", ChangeAuthor.local("setup"));
            Stores.Recorder onTwo = new Stores.Recorder();
            two.addListener(onTwo);
            Stores.await(5, () -> onTwo.ids().contains(base.id()));

            ConfigVersion secret = one.update(-1, d -> Stores.destination(d, "pacs").put("host",
                    "${PACS_HOST_ONLY_ON_ONE}"), ChangeAuthor.local("t"), "host from the environment");
            assertThat(secret.config()).isNotNull();
            Stores.await(5, () -> two.check().status() == org.xnat.router.api.health.HealthStatus.DOWN);
            assertThat(two.check().detail()).contains("version " + secret.id(), "PACS_HOST_ONLY_ON_ONE");
            assertThat(onTwo.ids()).containsExactly(base.id());

            ConfigVersion plain = one.update(-1, d -> Stores.destination(d, "pacs").put("host", "10.0.0.1"),
                    ChangeAuthor.local("t"), "plain host");
            Stores.await(5, () -> onTwo.ids().contains(plain.id()));
            assertThat(onTwo.ids()).containsExactly(base.id(), plain.id());
            assertThat(two.check().status()).isEqualTo(org.xnat.router.api.health.HealthStatus.UP);
        } finally {
            one.deactivate();
            two.deactivate();
        }
    }
}
