package org.xnat.router.routing.internal.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.DestinationFactory;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.config.DestinationConfig;
import org.xnat.router.routing.internal.tracking.TransferPolicy;

/**
 * The configured destinations and the {@link DestinationFactory} services of their types (a dynamic
 * whiteboard). A destination whose type has no factory is unavailable: its queue rows wait. When the factory
 * appears, the destination is created and its workers start; when it goes, they stop and the destination is
 * closed (running deliveries are interrupted and their rows go back to the queue).
 */
public final class DestinationRegistry {

    /** Service property of a {@link DestinationFactory}: {@code study} when its type wants whole studies. */
    public static final String DELIVERY_PROPERTY = DestinationFactory.DELIVERY_PROPERTY;

    private static final Logger LOG = LoggerFactory.getLogger(DestinationRegistry.class);

    private final DeliveryContext context;
    private final Map<String, FactoryEntry> factories = new LinkedHashMap<>();
    private final Map<String, Handle> handles = new LinkedHashMap<>();

    private record FactoryEntry(DestinationFactory factory, String mode) {
    }

    /** One configured destination. */
    private static final class Handle {
        final DestinationConfig config;
        final int threads;
        DestinationWorkers workers;
        String problem = "";
        String mode;

        Handle(DestinationConfig config, int threads) {
            this.config = config;
            this.threads = threads;
        }
    }

    public DestinationRegistry(DeliveryContext context) {
        this.context = context;
    }

    /** The delivery mode a factory announces; without the property {@code xnat} is per study, others per instance. */
    public static String modeOf(String type, Object property) {
        if (property != null) {
            return TransferPolicy.STUDY.equalsIgnoreCase(String.valueOf(property).strip()) ? TransferPolicy.STUDY
                    : TransferPolicy.INSTANCE;
        }
        return DestinationConfig.XNAT.equals(type) ? TransferPolicy.STUDY : TransferPolicy.INSTANCE;
    }

    public synchronized void addFactory(DestinationFactory factory, Map<String, ?> properties) {
        Object typeProperty = properties.get(DestinationFactory.TYPE_PROPERTY);
        String type = typeProperty != null ? String.valueOf(typeProperty) : factory.type();
        factories.put(type, new FactoryEntry(factory, modeOf(type, properties.get(DELIVERY_PROPERTY))));
        LOG.info("Destination type '{}' available", type);
        for (Handle h : handles.values()) {
            if (h.config.type().equals(type) && h.workers == null) {
                startHandle(h);
            }
        }
    }

    public synchronized void removeFactory(DestinationFactory factory) {
        String type = null;
        for (Map.Entry<String, FactoryEntry> e : factories.entrySet()) {
            if (e.getValue().factory() == factory) {
                type = e.getKey();
            }
        }
        if (type == null) {
            return;
        }
        factories.remove(type);
        LOG.info("Destination type '{}' went away: its destinations wait", type);
        for (Handle h : handles.values()) {
            if (h.config.type().equals(type)) {
                stopHandle(h);
                h.problem = "destination type '" + type + "' is not installed";
            }
        }
    }

    /** Applies the configured destinations (replacing the previous set). */
    public synchronized void configure(Map<String, DestinationConfig> destinations, Map<String, Integer> concurrency) {
        for (Handle h : handles.values()) {
            stopHandle(h);
        }
        handles.clear();
        for (DestinationConfig d : destinations.values()) {
            Handle h = new Handle(d, Math.max(1, concurrency.getOrDefault(d.name(), 4)));
            handles.put(d.name(), h);
            if (!d.enabled()) {
                h.problem = "disabled in the configuration";
            } else if (factories.containsKey(d.type())) {
                startHandle(h);
            } else {
                h.problem = "destination type '" + d.type() + "' is not installed";
            }
        }
    }

    private void startHandle(Handle h) {
        if (!h.config.enabled()) {
            return;
        }
        FactoryEntry f = factories.get(h.config.type());
        try {
            f.factory().validate(h.config.toComponentConfig());
            Destination d = f.factory().create(h.config.toComponentConfig());
            h.mode = f.mode();
            h.workers = new DestinationWorkers(h.config.name(), d, TransferPolicy.STUDY.equals(f.mode()), h.threads, context);
            h.workers.start();
            h.problem = "";
            LOG.info("Destination '{}' ({}) ready, {} delivery thread(s), delivery per {}", h.config.name(),
                    h.config.type(), h.threads, f.mode());
        } catch (InvalidConfigurationException e) {
            h.problem = "invalid configuration: " + e.getMessage();
            LOG.error("Destination '{}': {}", h.config.name(), h.problem);
        } catch (RuntimeException | LinkageError e) {
            // a plugin's bug or a bundle being replaced must not break the whiteboard
            h.problem = "cannot be created: " + e;
            LOG.error("Destination '{}' cannot be created", h.config.name(), e);
        }
    }

    private static void stopHandle(Handle h) {
        if (h.workers != null) {
            DestinationWorkers w = h.workers;
            h.workers = null;
            w.stop();
            try {
                w.destination().close();
            } catch (RuntimeException e) {
                LOG.warn("Destination '{}' failed to close: {}", h.config.name(), e.toString());
            }
        }
    }

    /** The delivery mode of a destination for new transfers. */
    public synchronized String modeFor(String destination) {
        Handle h = handles.get(destination);
        if (h == null) {
            return TransferPolicy.INSTANCE;
        }
        FactoryEntry f = factories.get(h.config.type());
        return f != null ? f.mode() : modeOf(h.config.type(), null);
    }

    public synchronized void wake(Iterable<String> destinations) {
        for (String name : destinations) {
            Handle h = handles.get(name);
            if (h != null && h.workers != null) {
                h.workers.wake();
            }
        }
    }

    public synchronized void wakeAll() {
        handles.values().stream().filter(h -> h.workers != null).forEach(h -> h.workers.wake());
    }

    public synchronized boolean interrupt(String destination, long transferId) {
        Handle h = handles.get(destination);
        return h != null && h.workers != null && h.workers.interrupt(transferId);
    }

    /** Snapshot for status and health: name, type, mode, available, problem. */
    public synchronized List<String[]> snapshot() {
        List<String[]> out = new ArrayList<>();
        for (Handle h : handles.values()) {
            String mode = h.mode != null ? h.mode : modeFor(h.config.name());
            out.add(new String[] {h.config.name(), h.config.type(), mode, String.valueOf(h.workers != null), h.problem});
        }
        return out;
    }

    /**
     * Runs a destination's check.
     *
     * @throws IllegalArgumentException unknown destination
     */
    public HealthReport check(String name) {
        Destination d;
        String problem;
        synchronized (this) {
            Handle h = handles.get(name);
            if (h == null) {
                throw new IllegalArgumentException("no destination '" + name + "' is configured (configured: "
                        + String.join(", ", handles.keySet()) + ")");
            }
            d = h.workers == null ? null : h.workers.destination();
            problem = h.problem;
        }
        if (d == null) {
            return HealthReport.down("destination '" + name + "' is unavailable: " + problem);
        }
        try {
            return d.check();
        } catch (RuntimeException e) {
            return HealthReport.down("check of '" + name + "' failed: " + e);
        }
    }

    public synchronized void close() {
        for (Handle h : handles.values()) {
            stopHandle(h);
        }
    }
}
