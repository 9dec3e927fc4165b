package org.xnat.router.configstore.internal;

import java.nio.file.Path;

import org.xnat.router.configstore.ConfigStore;

/** A store on a test database for the shell command tests (which live in another package). */
public final class ShellFixture implements AutoCloseable {

    public static final String BASE = Stores.BASE;

    private final TestDatabase db;
    private final ConfigStoreComponent store;

    private ShellFixture(TestDatabase db) {
        this.db = db;
        this.store = Stores.component(db, "");
    }

    public static ShellFixture start(Path dataDirectory) throws Exception {
        return new ShellFixture(TestDatabase.start(dataDirectory));
    }

    public ConfigStore store() {
        return store;
    }

    @Override
    public void close() {
        store.deactivate();
        db.close();
    }
}
