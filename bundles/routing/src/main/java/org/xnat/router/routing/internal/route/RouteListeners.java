package org.xnat.router.routing.internal.route;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.net.DimseException;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.StorageSink;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.router.api.filter.RouteContext;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.routing.IngestException;

/**
 * One DICOM listener per enabled route: its own port and called AE title, C-ECHO and C-STORE of every storage
 * SOP class in every transfer syntax the toolkit reads, calling AE titles restricted by
 * {@code allowed_calling_aes}. Each C-STORE goes to the {@link Receiver}; its answer follows the ingest outcome.
 *
 * <p>{@link #apply} follows a new configuration: a listener whose AE title, port and calling AE titles did not
 * change keeps running (open associations are not touched); one whose binding changed, or whose route was removed
 * or disabled, stops accepting at once (its port is free for the new listener) and is closed once its open
 * associations are released, at most {@link #DRAIN_LIMIT} later. Those associations finish under the route
 * settings they were accepted with when their route no longer exists. All methods are thread-safe.
 */
public final class RouteListeners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteListeners.class);
    private static final int MAX_COMMENT = 64;
    /** How long a replaced listener's open associations may go on before they are aborted. */
    public static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);
    /** A listener that could not bind is tried again at most this often. */
    private static final Duration RETRY_BIND = Duration.ofSeconds(10);

    /** Where the C-STOREs of a listener go. */
    @FunctionalInterface
    public interface Receiver {
        /**
         * @param acceptedAs the route as configured when the association was accepted: the engine uses the
         *        current route of that AE title if there is one, else this
         */
        void receive(RouteConfig acceptedAs, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                InputStream dataset, RouteContext context) throws IngestException;
    }

    /** A running listener and the route configuration it serves (updated while its binding stays the same). */
    private static final class Listener {
        DicomServer server;
        volatile RouteConfig route;

        Listener(RouteConfig route) {
            this.route = route;
        }
    }

    /** A listener that no longer accepts and waits for its open associations to end. */
    private record Draining(DicomServer server, long deadlineNanos, String label) {
    }

    private final Receiver receiver;
    private final String bindAddress;
    /** Current listeners by normalized AE title. */
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    /** Enabled routes that could not bind, by normalized AE title, with the reason. */
    private final Map<String, RouteConfig> failed = new LinkedHashMap<>();
    private final Map<String, String> problems = new LinkedHashMap<>();
    private final List<Draining> draining = new ArrayList<>();
    /** Draining listeners that had no association at the previous check. */
    private final List<Draining> idleBefore = new ArrayList<>();
    /** Drains replaced listeners; the same thread closes them (never under this object's lock for long). */
    private final ScheduledExecutorService drainer;
    private long lastRetryNanos = System.nanoTime();
    private boolean closed;

    public RouteListeners(Receiver receiver, String bindAddress) {
        this.receiver = receiver;
        this.bindAddress = bindAddress == null || bindAddress.isBlank() ? null : bindAddress.strip();
        this.drainer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "router-listener-drain");
            t.setDaemon(true);
            return t;
        });
        drainer.scheduleWithFixedDelay(this::drain, 200, 200, TimeUnit.MILLISECONDS);
    }

    /**
     * Makes the listeners match {@code enabledRoutes}: unchanged ones keep running, changed or removed ones stop
     * accepting (and drain), new or changed ones start. A route that cannot bind is reported by {@link #problem}
     * and tried again by {@link #retryFailed}; the others are not affected.
     */
    public synchronized void apply(List<RouteConfig> enabledRoutes) {
        if (closed) {
            return;
        }
        Map<String, RouteConfig> desired = new LinkedHashMap<>();
        for (RouteConfig r : enabledRoutes) {
            desired.put(key(r.aeTitle()), r);
        }
        // first release what changed, so a new listener can take over the same port
        for (var it = listeners.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            RouteConfig next = desired.get(e.getKey());
            Listener l = e.getValue();
            if (next != null && sameBinding(l.route, next)) {
                l.route = next;
                continue;
            }
            it.remove();
            retire(l, next == null ? "route removed, disabled or renamed" : "port or calling AE titles changed");
        }
        failed.keySet().retainAll(desired.keySet());
        problems.keySet().retainAll(desired.keySet());
        for (Map.Entry<String, RouteConfig> e : desired.entrySet()) {
            if (!listeners.containsKey(e.getKey())) {
                start(e.getValue());
            }
        }
    }

    /** Tries again, at most every {@link #RETRY_BIND}, to start routes whose port was taken. */
    public synchronized void retryFailed() {
        if (closed || failed.isEmpty() || System.nanoTime() - lastRetryNanos < RETRY_BIND.toNanos()) {
            return;
        }
        lastRetryNanos = System.nanoTime();
        for (RouteConfig r : List.copyOf(failed.values())) {
            start(r);
        }
    }

    /** What makes the DICOM listener itself: AE title, port, calling AE titles accepted. */
    private static boolean sameBinding(RouteConfig a, RouteConfig b) {
        return a.aeTitle().equals(b.aeTitle()) && a.port() == b.port()
                && new HashSet<>(a.allowedCallingAes()).equals(new HashSet<>(b.allowedCallingAes()));
    }

    private void start(RouteConfig route) {
        String key = key(route.aeTitle());
        ScpConfig.Builder b = ScpConfig.builder().aeTitles(route.aeTitle()).port(route.port()).bindAddress(bindAddress);
        if (!route.allowedCallingAes().isEmpty()) {
            b.acceptedCallingAeTitles(route.allowedCallingAes().toArray(String[]::new));
        }
        Listener listener = new Listener(route);
        try {
            // the sink reads the listener's route at each C-STORE: rule changes apply to the next instance
            DicomServer server = DicomServer.builder(b.build()).storageSink(sink(() -> listener.route)).start();
            listener.server = server;
            listeners.put(key, listener);
            failed.remove(key);
            if (problems.remove(key) != null) {
                LOG.info("Route {} now listens on port {}", route.aeTitle(), server.port());
            }
        } catch (IOException | RuntimeException e) {
            String problem = "route " + route.aeTitle() + " cannot listen on port " + route.port() + ": " + e.getMessage();
            failed.put(key, route);
            if (!problem.equals(problems.put(key, problem))) {
                LOG.error("{} (tried again every {} s)", problem, RETRY_BIND.toSeconds());
            }
        }
    }

    private void retire(Listener l, String why) {
        l.server.stopAccepting();
        int open = l.server.openAssociations();
        String label = "route " + l.route.aeTitle() + " (port " + l.server.port() + ")";
        if (open == 0) {
            LOG.info("Listener of {} stopped: {}", label, why);
            drainer.execute(l.server::close);
            return;
        }
        LOG.info("Listener of {} no longer accepts associations ({}); {} open association(s) may finish", label, why, open);
        draining.add(new Draining(l.server, System.nanoTime() + DRAIN_LIMIT.toNanos(), label));
    }

    /** Closes drained listeners: idle on two checks in a row (an association may be between handshake and start). */
    private void drain() {
        List<Draining> done = new ArrayList<>();
        synchronized (this) {
            for (var it = draining.iterator(); it.hasNext();) {
                Draining d = it.next();
                boolean expired = System.nanoTime() - d.deadlineNanos() > 0;
                if (expired || d.server().openAssociations() == 0 && idleBefore.contains(d)) {
                    it.remove();
                    done.add(d);
                    if (expired) {
                        LOG.warn("Listener of {}: associations still open after {} min are aborted", d.label(),
                                DRAIN_LIMIT.toMinutes());
                    }
                }
            }
            idleBefore.clear();
            draining.stream().filter(d -> d.server().openAssociations() == 0).forEach(idleBefore::add);
        }
        for (Draining d : done) {
            d.server().close();
            LOG.info("Listener of {} closed: its associations ended", d.label());
        }
    }

    StorageSink sink(java.util.function.Supplier<RouteConfig> acceptedAs) {
        return (store, dataset) -> {
            RouteConfig route = acceptedAs.get();
            String remote = store.association().remoteAddress() == null ? ""
                    : store.association().remoteAddress().getAddress().getHostAddress();
            RouteContext ctx = new RouteContext(route.aeTitle(), store.association().callingAeTitle(), remote, "dimse");
            try {
                receiver.receive(route, store.sopClassUid(), store.sopInstanceUid(), store.transferSyntaxUid(), dataset,
                        ctx);
                return DimseStatus.SUCCESS;
            } catch (IngestException e) {
                throw new DimseException(status(e.reason()), comment(e.getMessage()), e);
            }
        };
    }

    /** The C-STORE failure status for a refused instance (PS3.4 B.2.3). */
    public static int status(IngestException.Reason reason) {
        return switch (reason) {
            case OUT_OF_RESOURCES -> DimseStatus.REFUSED_OUT_OF_RESOURCES;
            case REJECTED -> DimseStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS;
            case UNREADABLE, UNKNOWN_ROUTE -> DimseStatus.UNABLE_TO_PROCESS;
        };
    }

    private static String comment(String message) {
        String m = message == null ? "" : message.replaceAll("[\\p{Cntrl}\\\\]", " ");
        return m.length() <= MAX_COMMENT ? m : m.substring(0, MAX_COMMENT);
    }

    public synchronized boolean isListening(String aeTitle) {
        return listeners.containsKey(key(aeTitle));
    }

    public synchronized String problem(String aeTitle) {
        return problems.getOrDefault(key(aeTitle), "");
    }

    /** The bound port of a route's current listener, or -1. */
    public synchronized int port(String aeTitle) {
        Listener l = listeners.get(key(aeTitle));
        return l == null ? -1 : l.server.port();
    }

    /** Replaced listeners still waiting for their associations to end. */
    public synchronized int drainingCount() {
        return draining.size();
    }

    private static String key(String ae) {
        return ae.strip().toUpperCase(Locale.ROOT);
    }

    @Override
    public void close() {
        List<DicomServer> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            listeners.values().forEach(l -> all.add(l.server));
            draining.forEach(d -> all.add(d.server()));
            listeners.clear();
            draining.clear();
            failed.clear();
        }
        drainer.shutdownNow();
        all.forEach(DicomServer::close);
    }
}
