package org.xnat.router.configstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigVersion;

/** The database goes away and comes back: the store reports it, the listeners keep getting versions after. */
class OutageTest {

    @TempDir
    Path dir;

    @Test
    void listenersGetVersionsSavedAfterADatabaseOutage() throws Exception {
        try (TestDatabase db = TestDatabase.start(dir.resolve("pg"))) {
            ConfigStoreComponent one = Stores.component(db, "");
            ConfigStoreComponent two = Stores.component(db, "");
            try {
                ConfigVersion first = one.importYaml(Stores.BASE, "base.yaml", ChangeAuthor.local("t"));
                Stores.Recorder listener = new Stores.Recorder();
                two.addListener(listener);
                Stores.await(5, () -> listener.ids().contains(first.id()));

                db.stopServer();
                assertThatExceptionOfType(IllegalStateException.class)
                        .isThrownBy(() -> one.update(-1, d -> Stores.route(d, 0).put("port", 12000),
                                ChangeAuthor.local("t"), "during outage"))
                        .withMessageContaining("configuration database error");
                Thread.sleep(1000); // several failed polls on instance two
                db.restart();

                ConfigVersion after = one.update(-1, d -> Stores.route(d, 0).put("port", 12001),
                        ChangeAuthor.local("t"), "after outage");
                Stores.await(15, () -> listener.ids().contains(after.id()));
                assertThat(listener.ids()).containsExactly(first.id(), after.id());
                assertThat(listener.versions.get(1).config().routes().get(0).port()).isEqualTo(12001);
            } finally {
                one.deactivate();
                two.deactivate();
            }
        }
    }
}
