package org.xnat.router.routing.internal.delivery;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.InstanceResult;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingContext;
import org.xnat.router.routing.internal.processing.Preparation;

/**
 * The worker threads of one destination ({@code max_concurrent_transfers} of them). Each claims a batch of
 * one transfer from the queue, hands it to the destination as one delivery and records the outcome.
 */
public final class DestinationWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationWorkers.class);
    /** How long a batch whose de-identification cannot run yet waits before it is tried again. */
    private static final java.time.Duration POSTPONE = java.time.Duration.ofSeconds(5);

    private final String name;
    private final Destination destination;
    private final boolean studyMode;
    private final DeliveryContext context;
    private final List<Thread> threads = new ArrayList<>();
    private final Object signal = new Object();
    private final Map<Long, Thread> running = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> cancelled = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile long lastErrorLog;

    public DestinationWorkers(String name, Destination destination, boolean studyMode, int threadCount,
            DeliveryContext context) {
        this.name = name;
        this.destination = destination;
        this.studyMode = studyMode;
        this.context = context;
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(this::run, "router-delivery-" + name + "-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
        }
    }

    public String name() {
        return name;
    }

    public Destination destination() {
        return destination;
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    /** New work may be due: wake idle workers now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Interrupts a delivery of this transfer running here; the worker then cancels its rows. */
    public boolean interrupt(long transferId) {
        Thread t = running.get(transferId);
        if (t != null) {
            cancelled.put(transferId, Boolean.TRUE);
            t.interrupt();
            return true;
        }
        return false;
    }

    /** Stops claiming, interrupts running deliveries (their rows go back to the queue) and waits for the threads. */
    public void stop() {
        stopping = true;
        wake();
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                LOG.warn("Delivery thread {} did not stop within 10 s", t.getName());
            }
        }
    }

    private void run() {
        while (!stopping) {
            Optional<ClaimedBatch> batch;
            try {
                batch = context.queue().claim(name, context.owner(), context.lease(), context.batchSize(studyMode));
            } catch (SQLException | RuntimeException e) {
                logRateLimited("cannot claim deliveries for '" + name + "': " + e.getMessage());
                idle();
                continue;
            }
            if (batch.isEmpty()) {
                idle();
                continue;
            }
            deliver(batch.get());
        }
    }

    private void idle() {
        synchronized (signal) {
            if (stopping) {
                return;
            }
            try {
                signal.wait(context.pollInterval().toMillis());
            } catch (InterruptedException e) {
                // stop() interrupts; the loop checks the flag
            }
        }
    }

    private void deliver(ClaimedBatch batch) {
        TransferInfo t = batch.transfer();
        DatasetProcessor processor;
        try {
            processor = context.processorFor(t.routeAeTitle());
        } catch (IllegalStateException e) {
            finish(batch, Map.of(), true, e.getMessage());
            return;
        }
        Preparation deid;
        try {
            deid = context.prepare(batch, processor);
        } catch (InterruptedException e) {
            release(batch, "interrupted: router stopping");
            return;
        } catch (RuntimeException | LinkageError e) {
            // never send an instance of a de-identifying route destination without its processing
            LOG.error("Destination '{}': de-identification of transfer {} failed unexpectedly", name, t.id(), e);
            finish(batch, Map.of(), true, "de-identification failed: " + e);
            return;
        }
        if (deid != null) {
            try (deid) {
                if (deid.waitReason() != null) {
                    postpone(batch, deid.waitReason());
                    return;
                }
                deid.failed().forEach(f -> finish(f.batch(), f.outcomes(), f.retryable(), f.error()));
                if (!deid.instances().isEmpty()) {
                    send(deid.ready(), deid.transfer(), deid.instances());
                }
            }
            return;
        }
        ProcessingContext pc = new Context(t);
        List<SpooledInstance> instances = new ArrayList<>();
        for (QueueRow r : batch.rows()) {
            instances.add(new SpooledInstance(r, context.spoolFile(r.spoolPath()), context.workDirectory(), processor, pc));
        }
        send(batch, t, instances);
    }

    /**
     * Hands {@code instances} (one per row of {@code batch}, in order) to the destination as one delivery of
     * {@code sent} (the transfer as the destination sees it) and records the outcome of every row.
     */
    private void send(ClaimedBatch batch, TransferInfo sent, List<? extends DeliveryInstance> instances) {
        TransferInfo t = batch.transfer();
        QueuedDelivery delivery = new QueuedDelivery(sent, instances);
        running.put(t.id(), Thread.currentThread());
        long start = System.nanoTime();
        try {
            destination.deliver(delivery);
            running.remove(t.id());
            Map<Long, DeliveryQueue.Outcome> outcomes = new HashMap<>();
            for (int i = 0; i < batch.rows().size(); i++) {
                InstanceResult res = delivery.result(instances.get(i).sopInstanceUid());
                outcomes.put(batch.rows().get(i).id(), new DeliveryQueue.Outcome(true, res == null ? 0 : res.status(), null));
            }
            LOG.debug("Destination '{}': transfer {} delivered {} instance(s) in {} ms", name, t.id(), batch.rows().size(),
                    (System.nanoTime() - start) / 1_000_000);
            finish(batch, outcomes, false, null);
        } catch (DeliveryException e) {
            running.remove(t.id());
            LOG.warn("Destination '{}': delivery of {} instance(s) of transfer {} (study {}) failed{}: {}", name,
                    batch.rows().size(), t.id(), t.studyInstanceUid(), e.retryable() ? " (will retry)" : "", e.getMessage());
            Map<Long, DeliveryQueue.Outcome> outcomes = new HashMap<>();
            int delivered = Math.max(0, e.instancesDelivered());
            for (int i = 0; i < batch.rows().size(); i++) {
                QueueRow r = batch.rows().get(i);
                InstanceResult res = delivery.result(instances.get(i).sopInstanceUid());
                if (i < delivered) {
                    outcomes.put(r.id(), new DeliveryQueue.Outcome(true, res == null ? 0 : res.status(), null));
                } else if (res != null && !res.success()) {
                    outcomes.put(r.id(), new DeliveryQueue.Outcome(false, res.status(),
                            res.detail().isEmpty() ? e.getMessage() : res.detail()));
                } else {
                    outcomes.put(r.id(), new DeliveryQueue.Outcome(false, res == null ? -1 : res.status(), e.getMessage()));
                }
            }
            finish(batch, outcomes, e.retryable(), e.getMessage());
        } catch (InterruptedException e) {
            running.remove(t.id());
            boolean cancel = cancelled.remove(t.id()) != null;
            try {
                context.queue().release(batch, context.owner(), cancel ? "cancelled" : "interrupted: router stopping");
                if (cancel) {
                    context.queue().cancel(t.id());
                }
            } catch (SQLException ex) {
                LOG.warn("Destination '{}': cannot put transfer {} back in the queue ({}); its lease will expire",
                        name, t.id(), ex.getMessage());
            }
        } catch (RuntimeException | LinkageError e) {
            running.remove(t.id());
            LOG.error("Destination '{}' failed unexpectedly on transfer {}", name, t.id(), e);
            finish(batch, Map.of(), true, "destination '" + name + "' failed: " + e);
        } finally {
            running.remove(t.id());
            Thread.interrupted();
        }
    }

    private void release(ClaimedBatch batch, String reason) {
        try {
            context.queue().release(batch, context.owner(), reason);
        } catch (SQLException e) {
            LOG.warn("Destination '{}': cannot put transfer {} back in the queue ({}); its lease will expire", name,
                    batch.transfer().id(), e.getMessage());
        }
    }

    /** The batch waits (its de-identification cannot run yet): back to the queue, due again a little later. */
    private void postpone(ClaimedBatch batch, String reason) {
        logRateLimited("Destination '" + name + "': transfer " + batch.transfer().id() + " waits: " + reason);
        try {
            context.queue().postpone(batch, context.owner(), reason, POSTPONE);
        } catch (SQLException e) {
            LOG.warn("Destination '{}': cannot put transfer {} back in the queue ({}); its lease will expire", name,
                    batch.transfer().id(), e.getMessage());
        }
    }

    private void finish(ClaimedBatch batch, Map<Long, DeliveryQueue.Outcome> outcomes, boolean retryable, String error) {
        try {
            context.fire(context.queue().complete(batch, context.owner(), outcomes, retryable, error));
        } catch (SQLException | RuntimeException e) {
            // the rows stay claimed; when the lease runs out they are delivered again (at least once)
            LOG.error("Destination '{}': cannot record the outcome of transfer {}: {}", name, batch.transfer().id(),
                    e.getMessage());
        }
    }

    private void logRateLimited(String message) {
        long now = System.currentTimeMillis();
        if (now - lastErrorLog > 30_000) {
            lastErrorLog = now;
            LOG.warn("{}", message);
        }
    }

    private record Context(TransferInfo transfer) implements ProcessingContext {
        @Override
        public String routeAeTitle() {
            return transfer.routeAeTitle();
        }

        @Override
        public String destinationName() {
            return transfer.destination();
        }

        @Override
        public String callingAeTitle() {
            return transfer.callingAeTitle();
        }

        @Override
        public Map<String, String> variables() {
            return Map.of("StudyInstanceUID", transfer.studyInstanceUid());
        }
    }
}
