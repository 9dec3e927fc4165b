package org.xnat.router.configstore.internal;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.xnat.router.config.internal.YamlConfigFiles;
import org.xnat.router.configstore.ConfigStore;

/**
 * The production config store component on a test database, for the admin resource tests (its constructor for
 * tests is package-private: this class sits in its package on the test class path only).
 */
public final class RealConfigStore {

    private RealConfigStore() {
    }

    /** A store as DS makes it, polling quickly, importing no file; close it with {@link #close}. */
    public static ConfigStore open(DataSource dataSource, Map<String, String> environment) {
        return new ConfigStoreComponent(dataSource, new YamlConfigFiles(), Duration.ofMillis(200), "", environment);
    }

    public static void close(ConfigStore store) {
        ((ConfigStoreComponent) store).deactivate();
    }
}
