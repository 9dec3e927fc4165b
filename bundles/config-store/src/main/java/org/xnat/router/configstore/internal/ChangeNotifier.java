package org.xnat.router.configstore.internal;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.configstore.ConfigListener;
import org.xnat.router.configstore.ConfigVersion;

/**
 * Tells {@link ConfigListener}s about versions, on one thread so that calls never overlap and arrive in
 * version order: a new listener gets the current version, then every listener gets every later version.
 * New versions are found by polling {@code max(id)}, which also sees what other router instances sharing the
 * database saved; a save on this instance wakes the thread at once. Database outages are logged once and
 * polling goes on.
 */
final class ChangeNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);
    /** Versions handed out per poll at most (a long outage does not replay the whole history in one go). */
    private static final int BATCH = 100;

    /** Work done on the notification thread before each poll (the start-up file import until it succeeds). */
    interface Chore {
        /** @return true when done for good */
        boolean run();
    }

    private final DatabaseConfigStore store;
    private final ConfigurationHealth health;
    private final ScheduledExecutorService thread;
    private final List<ConfigListener> listeners = new CopyOnWriteArrayList<>();
    /** The last version each listener was given; only touched on the notification thread. */
    private final Map<ConfigListener, Long> given = new IdentityHashMap<>();
    private final List<Chore> chores = new CopyOnWriteArrayList<>();
    private long seen = -1;
    private boolean failing;

    ChangeNotifier(DatabaseConfigStore store, ConfigurationHealth health) {
        this.store = store;
        this.health = health;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "config-store-notifier");
            t.setDaemon(true);
            return t;
        });
    }

    /** Work to do first (and again before each poll until it reports success). */
    void addChore(Chore chore) {
        chores.add(chore);
    }

    void start(Duration pollInterval) {
        long millis = Math.max(50, pollInterval.toMillis());
        thread.scheduleWithFixedDelay(this::poll, 0, millis, TimeUnit.MILLISECONDS);
    }

    void add(ConfigListener listener) {
        listeners.add(listener);
        submit(() -> {
            if (listeners.contains(listener) && seen >= 0) {
                // the newest version, even if the next poll has not seen it yet (it then skips it for this one)
                long id;
                try {
                    id = Math.max(seen, store.rows().currentId());
                } catch (java.sql.SQLException e) {
                    id = seen;
                }
                try {
                    currentVersion(id).ifPresent(v -> give(listener, v));
                } catch (IllegalStateException e) {
                    LOG.warn("Cannot give the current configuration to {} yet: {}", listener.getClass().getName(),
                            e.getMessage());
                }
            }
            // with seen < 0 the first poll gives the current version to everyone
        });
    }

    void remove(ConfigListener listener) {
        listeners.remove(listener);
        submit(() -> given.remove(listener));
    }

    /** A version was saved here: look now rather than at the next poll. */
    void wake() {
        submit(this::poll);
    }

    private void submit(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Configuration notifier is closed");
        }
    }

    private void poll() {
        try {
            chores.removeIf(Chore::run);
            long max = store.rows().currentId();
            if (failing) {
                failing = false;
                LOG.info("Configuration database reachable again; watching for configuration changes");
            }
            if (seen < 0) {
                seen = max;
                currentVersion(max).ifPresent(v -> listeners.forEach(l -> give(l, v)));
                return;
            }
            if (max > seen) {
                for (long id : store.rows().idsAfter(seen, BATCH)) {
                    Optional<ConfigVersion> v = currentVersion(id); // throws while the database is away: id kept
                    seen = id;
                    health.versionSaved(id);
                    v.ifPresent(x -> listeners.forEach(l -> give(l, x)));
                }
            }
            // a listener that could not be given the current version when it came (database away) gets it now
            for (ConfigListener l : listeners) {
                if (!given.containsKey(l)) {
                    Optional<ConfigVersion> v = currentVersion(seen);
                    if (v.isPresent()) {
                        give(l, v.get());
                    } else {
                        given.put(l, seen); // unusable here (logged, health DOWN): wait for the next version
                    }
                }
            }
        } catch (Exception e) {
            if (!failing) {
                failing = true;
                LOG.warn("Cannot check for configuration changes (retrying): {}", e.toString());
            } else {
                LOG.debug("Still cannot check for configuration changes: {}", e.toString());
            }
        }
    }

    /** A version as listeners get it, or empty (logged, health DOWN) if this instance cannot use it. */
    private Optional<ConfigVersion> currentVersion(long id) {
        try {
            Optional<ConfigVersion> v = store.version(id);
            health.usable(id, null);
            return v;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof java.sql.SQLException) {
                throw e;
            }
            LOG.error("{}; the previous version stays applied", e.getMessage());
            health.usable(id, e.getMessage());
            return Optional.empty();
        }
    }

    private void give(ConfigListener listener, ConfigVersion v) {
        Long last = given.get(listener);
        if (last != null && last >= v.id()) {
            return;
        }
        given.put(listener, v.id());
        try {
            listener.configurationChanged(v);
        } catch (RuntimeException e) {
            LOG.error("Configuration listener {} failed on version {}", listener.getClass().getName(), v.id(), e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Configuration notifier did not stop within 5 s (a listener is busy)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
