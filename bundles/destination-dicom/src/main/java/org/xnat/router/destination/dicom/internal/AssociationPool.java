package org.xnat.router.destination.dicom.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.router.destination.dicom.internal.ContextPlan.SendKey;

/**
 * The associations of one destination: at most {@code max_associations} open at once (in use, idle, or being
 * opened). An association handed back after a delivery stays idle for reuse by later deliveries whose
 * (SOP class, transfer syntax) pairs it proposed, and is released (A-RELEASE, not aborted) once it has been
 * idle for {@code idle_timeout_seconds}, when its slot is needed for different presentation contexts, or when
 * the destination closes.
 */
final class AssociationPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssociationPool.class);
    /** Pairs remembered from earlier deliveries, proposed again so that pooled associations fit more deliveries. */
    private static final int RECENT_KEYS = 64;

    private final DicomDestinationConfig config;
    private final ConnectionOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Lease> idle = new ArrayDeque<>();
    private final Deque<SendKey> recent = new ArrayDeque<>();
    private final AtomicInteger openedTotal = new AtomicInteger();
    private final AtomicInteger releasedTotal = new AtomicInteger();
    private int open;
    private boolean closed;
    private DicomClient client;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> reaper;

    /** An association taken from the pool, with the pairs it proposed. */
    static final class Lease {
        private final ScuAssociation association;
        private final ContextPlan plan;
        private final boolean reused;
        private long idleSince;

        private Lease(ScuAssociation association, ContextPlan plan, boolean reused) {
            this.association = association;
            this.plan = plan;
            this.reused = reused;
        }

        ScuAssociation association() {
            return association;
        }

        /** True when the association had been used by an earlier delivery (it may have gone stale meanwhile). */
        boolean reused() {
            return reused;
        }
    }

    AssociationPool(DicomDestinationConfig config, ConnectionOptions options) {
        this.config = config;
        this.options = options;
    }

    /**
     * An association that proposed every pair of {@code needed}: an idle one, or a new one when a slot is free
     * (or can be freed by releasing an idle association that does not fit). Waits up to {@code waitMillis}
     * for a slot; {@code fresh} skips idle associations.
     *
     * @return the lease, or null when {@code waitMillis} is 0 and no association is available now
     * @throws TimeoutException when no slot became free in time
     */
    Lease lease(Collection<SendKey> needed, long waitMillis, boolean fresh)
            throws IOException, InterruptedException, TimeoutException {
        Lease evict = null;
        ContextPlan plan;
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (true) {
                if (closed) {
                    throw new DicomNetworkException("destination '" + config.name() + "' is closed");
                }
                purgeClosedLocked();
                if (!fresh) {
                    for (Iterator<Lease> it = idle.iterator(); it.hasNext();) {
                        Lease l = it.next();
                        if (l.plan.covers(needed)) {
                            it.remove();
                            LOG.debug("Destination '{}': reusing {}", config.name(), l.association);
                            return new Lease(l.association, l.plan, true);
                        }
                    }
                }
                if (open < config.maxAssociations()) {
                    open++;
                    break;
                }
                if (!idle.isEmpty()) {
                    // its slot is taken over by the new association (open stays the same)
                    evict = idle.removeLast();
                    break;
                }
                long left = deadline - System.nanoTime();
                if (waitMillis == 0) {
                    return null;
                }
                if (left <= 0) {
                    throw new TimeoutException("all " + config.maxAssociations() + " associations (max_associations) to "
                            + config.calledAeTitle() + " stayed busy for " + TimeUnit.MILLISECONDS.toSeconds(waitMillis)
                            + " s");
                }
                changed.awaitNanos(left);
            }
            rememberLocked(needed);
            plan = ContextPlan.withRecent(needed, new ArrayList<>(recent));
        } finally {
            lock.unlock();
        }
        if (evict != null) {
            LOG.debug("Destination '{}': releasing idle {} to open one with other presentation contexts",
                    config.name(), evict.association);
            releaseQuietly(evict.association);
        }
        try {
            ScuAssociation as = client().connect(config.host(), config.port(),
                    plan.request(config.callingAeTitle(), config.calledAeTitle()));
            openedTotal.incrementAndGet();
            LOG.debug("Destination '{}': opened {}", config.name(), as);
            return new Lease(as, plan, false);
        } catch (IOException | RuntimeException e) {
            slotFreed();
            throw e;
        }
    }

    /** An idle association, whatever it proposed, taken without waiting or connecting; null when none is idle. */
    Lease borrowIdle() {
        lock.lock();
        try {
            purgeClosedLocked();
            Lease l = idle.pollFirst();
            return l == null ? null : new Lease(l.association, l.plan, true);
        } finally {
            lock.unlock();
        }
    }

    /** Takes back an association after a delivery: kept for reuse while open, else closed. */
    void giveBack(Lease lease) {
        boolean keep;
        lock.lock();
        try {
            keep = !closed && config.idleTimeout().toMillis() > 0 && lease.association.isOpen();
            if (keep) {
                lease.idleSince = System.nanoTime();
                idle.addFirst(lease);
                scheduleReaperLocked();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (!keep) {
            releaseQuietly(lease.association);
            slotFreed();
        }
    }

    /** Aborts an association that must not be used again (a half-sent message, an interrupted delivery). */
    void discard(Lease lease) {
        lease.association.abort();
        slotFreed();
    }

    /** Associations opened since the destination was created (for tests and logs). */
    int openedTotal() {
        return openedTotal.get();
    }

    /** Associations ended with an A-RELEASE by the pool. */
    int releasedTotal() {
        return releasedTotal.get();
    }

    /** Associations open now, in use or idle. */
    int openCount() {
        lock.lock();
        try {
            purgeClosedLocked();
            return open;
        } finally {
            lock.unlock();
        }
    }

    int idleCount() {
        lock.lock();
        try {
            purgeClosedLocked();
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    /** The toolkit client (and its threads), made at first use so that creating a destination stays cheap. */
    DicomClient client() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("destination '" + config.name() + "' is closed");
            }
            if (client == null) {
                client = new DicomClient(options);
            }
            return client;
        } finally {
            lock.unlock();
        }
    }

    /** Releases the idle associations, aborts those still in use and stops the threads. */
    @Override
    public void close() {
        List<Lease> toRelease;
        DicomClient c;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            toRelease = new ArrayList<>(idle);
            idle.clear();
            c = client;
            if (reaper != null) {
                reaper.cancel(false);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        toRelease.forEach(l -> releaseQuietly(l.association));
        if (c != null) {
            c.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void reap() {
        List<Lease> expired = new ArrayList<>();
        lock.lock();
        try {
            long limit = config.idleTimeout().toNanos();
            long now = System.nanoTime();
            for (Iterator<Lease> it = idle.iterator(); it.hasNext();) {
                Lease l = it.next();
                if (now - l.idleSince >= limit) {
                    it.remove();
                    expired.add(l);
                }
            }
        } finally {
            lock.unlock();
        }
        for (Lease l : expired) {
            LOG.debug("Destination '{}': releasing {} after {} s idle", config.name(), l.association,
                    config.idleTimeout().toSeconds());
            releaseQuietly(l.association);
            slotFreed();
        }
    }

    private void scheduleReaperLocked() {
        if (reaper != null && !reaper.isDone()) {
            return;
        }
        if (timer == null) {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "dicom-destination-" + config.name() + "-idle");
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true);
            timer = t;
        }
        long period = Math.max(200, config.idleTimeout().toMillis() / 4);
        reaper = timer.scheduleWithFixedDelay(this::reap, period, period, TimeUnit.MILLISECONDS);
    }

    /** Drops idle associations the peer has closed (released or aborted) meanwhile. */
    private void purgeClosedLocked() {
        for (Iterator<Lease> it = idle.iterator(); it.hasNext();) {
            Lease l = it.next();
            if (!l.association.isOpen()) {
                it.remove();
                open--;
                l.association.abort();
                LOG.debug("Destination '{}': idle {} was closed by the peer", config.name(), l.association);
            }
        }
    }

    private void rememberLocked(Collection<SendKey> needed) {
        Set<SendKey> fresh = new LinkedHashSet<>(needed);
        recent.removeAll(fresh);
        fresh.forEach(recent::addFirst);
        while (recent.size() > RECENT_KEYS) {
            recent.removeLast();
        }
    }

    private void slotFreed() {
        lock.lock();
        try {
            open--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void releaseQuietly(ScuAssociation as) {
        if (!as.isOpen()) {
            as.abort();
            return;
        }
        try {
            as.release();
            releasedTotal.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Destination '{}': release of {} failed ({}), aborted", config.name(), as, e.toString());
            as.abort();
        }
    }
}
