package org.xnat.router.configstore.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xnat.router.config.internal.YamlConfigFiles;
import org.xnat.router.configstore.ConfigListener;
import org.xnat.router.configstore.ConfigVersion;

/** Test helpers: store components on a test database, a base configuration, a recording listener. */
final class Stores {

    static final Map<String, String> ENV = Map.of("XNAT_PASSWORD", "xnat-s3cret", "ROUTER_DATA", "/srv/data",
            "BROKER_PASSWORD", "broker-s3cret", "PACS_HOST_ONLY_ON_ONE", "pacs.one.example.org");

    static final String BASE = """
            destinations:
              store:
                type: file
                path: /tmp/store
              pacs:
                type: dicom
                ae_title: PACS
                host: 127.0.0.1
                port: 104
            routes:
              - ae_title: ROUTER
                port: 11112
                destinations:
                  - destination: store
              - ae_title: SECOND
                port: 11113
                destinations:
                  - destination: pacs
            """;

    private Stores() {
    }

    /** A store component as DS would make it, polling every 100 ms, importing {@code file} (blank: none). */
    static ConfigStoreComponent component(TestDatabase db, String file) {
        return new ConfigStoreComponent(db.dataSource(), new YamlConfigFiles(), Duration.ofMillis(100), file, ENV);
    }

    /** Records the versions it is given, in order. */
    static final class Recorder implements ConfigListener {
        final List<ConfigVersion> versions = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void configurationChanged(ConfigVersion current) {
            versions.add(current);
            threads.add(Thread.currentThread().getName());
        }

        List<Long> ids() {
            return versions.stream().map(ConfigVersion::id).toList();
        }
    }

    /** Waits up to {@code seconds} for a condition. */
    static void await(int seconds, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> route(Map<String, Object> doc, int i) {
        return (Map<String, Object>) ((List<Object>) doc.get("routes")).get(i);
    }

    @SuppressWarnings("unchecked")
    static List<Object> routes(Map<String, Object> doc) {
        return (List<Object>) doc.get("routes");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> destination(Map<String, Object> doc, String name) {
        return (Map<String, Object>) ((Map<String, Object>) doc.get("destinations")).get(name);
    }
}
