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
    /** Serializes {@link #configure} calls (which release this object's lock while old workers stop). */
    private final Object configuring = new Object();

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

    /**
     * Applies the configured destinations. A destination whose settings and thread count are unchanged keeps its
     * workers; a changed one is stopped (running deliveries are interrupted, their rows go back to the queue
     * without counting an attempt) and started again with the new settings; a removed one is stopped and its queued
     * rows wait (they resume if a destination of that name comes back); a new one starts. The old workers are
     * stopped outside this object's lock, so ingest and status calls do not wait for them.
     */
    public void configure(Map<String, DestinationConfig> destinations, Map<String, Integer> concurrency) {
        synchronized (configuring) {
            List<Handle> retired = new ArrayList<>();
            List<Handle> fresh = new ArrayList<>();
            List<DestinationWorkers> stopping = new ArrayList<>();
            synchronized (this) {
                Map<String, Handle> next = new LinkedHashMap<>();
                for (DestinationConfig d : destinations.values()) {
                    int threads = Math.max(1, concurrency.getOrDefault(d.name(), 4));
                    Handle old = handles.get(d.name());
                    if (old != null && old.config.equals(d) && old.threads == threads) {
                        next.put(d.name(), old);
                        continue;
                    }
                    if (old != null) {
                        retired.add(old);
                    }
                    Handle h = new Handle(d, threads);
                    if (!d.enabled()) {
                        h.problem = "disabled in the configuration";
                    } else if (factories.containsKey(d.type())) {
                        h.problem = "starting";
                        fresh.add(h);
                    } else {
                        h.problem = "destination type '" + d.type() + "' is not installed";
                    }
                    next.put(d.name(), h);
                }
                for (Handle old : handles.values()) {
                    if (!next.containsKey(old.config.name())) {
                        retired.add(old);
                    }
                }
                handles.clear();
                handles.putAll(next);
                for (Handle h : retired) {
                    if (h.workers != null) {
                        stopping.add(h.workers);
                        h.workers = null;
                    }
                    LOG.info("Destination '{}' {}", h.config.name(), next.containsKey(h.config.name())
                            ? "reconfigured: its workers restart with the new settings"
                            : "removed: its queued instances wait until a destination of that name is configured again");
                }
            }
            for (DestinationWorkers w : stopping) {
                stop(w);
            }
            synchronized (this) {
                for (Handle h : fresh) {
                    // a factory that appeared meanwhile may have started it already
                    if (handles.get(h.config.name()) == h && h.workers == null && factories.containsKey(h.config.type())) {
                        startHandle(h);
                    }
                }
            }
        }
    }

    private static void stop(DestinationWorkers w) {
        w.stop();
        try {
            w.destination().close();
        } catch (RuntimeException e) {
            LOG.warn("Destination '{}' failed to close: {}", w.name(), e.toString());
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

    /**
     * The delivery mode of a destination for new transfers, from the configuration the instance was routed with
     * (during a reconfiguration a new destination may be routed to before its workers exist).
     */
    public synchronized String modeFor(String destination, DestinationConfig configured) {
        Handle h = handles.get(destination);
        if (h != null && (configured == null || h.config.type().equals(configured.type()))) {
            return modeFor(destination);
        }
        if (configured == null) {
            return TransferPolicy.INSTANCE;
        }
        FactoryEntry f = factories.get(configured.type());
        return f != null ? f.mode() : modeOf(configured.type(), null);
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
