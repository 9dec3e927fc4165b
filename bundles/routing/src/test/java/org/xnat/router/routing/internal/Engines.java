package org.xnat.router.routing.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xnat.router.api.destination.DestinationFactory;
import org.xnat.router.api.transfer.TransferEvent;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.internal.YamlConfigFiles;
import org.xnat.router.destination.dicom.internal.DicomDestinationFactory;
import org.xnat.router.destination.file.internal.FileDestinationFactory;
import org.xnat.router.routing.internal.tracking.TransferEvents;

/** Builds engines for tests: real config reader, real destination factories, fast timings. */
final class Engines {

    private Engines() {
    }

    static RouterConfig config(String yaml) throws Exception {
        return new YamlConfigFiles().read(yaml, "test.yaml", Map.of()).config();
    }

    static EngineSettings settings(Path spool, String name) {
        return new EngineSettings(spool, 0, "127.0.0.1", name, Duration.ofSeconds(3), Duration.ofMillis(100),
                Duration.ofMillis(200), 50);
    }

    /** A started engine with the dicom and file destination types and an event recorder. */
    static Started start(TestDatabase db, EngineSettings settings, String yaml) throws Exception {
        return start(db.dataSource(), settings, yaml);
    }

    /** As above, on a given pool of the test database. */
    static Started start(javax.sql.DataSource dataSource, EngineSettings settings, String yaml) throws Exception {
        List<TransferEvent> events = new CopyOnWriteArrayList<>();
        TransferEvents te = new TransferEvents();
        te.add(events::add);
        RoutingEngine engine = new RoutingEngine(dataSource, settings, te);
        engine.start(config(yaml));
        engine.addFactory(new DicomDestinationFactory(), Map.of(DestinationFactory.TYPE_PROPERTY, "dicom"));
        engine.addFactory(new FileDestinationFactory(), Map.of(DestinationFactory.TYPE_PROPERTY, "file"));
        return new Started(engine, events);
    }

    record Started(RoutingEngine engine, List<TransferEvent> events) implements AutoCloseable {
        @Override
        public void close() {
            engine.close();
        }
    }

    static void destroy(Process p) {
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void ignore(IOException e) {
        // best effort cleanup
    }
}
