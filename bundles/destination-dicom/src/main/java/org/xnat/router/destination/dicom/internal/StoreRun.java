package org.xnat.router.destination.dicom.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.io.DicomParseException;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.NoPresentationContextException;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.InstanceResult;
import org.xnat.router.destination.dicom.internal.AssociationPool.Lease;
import org.xnat.router.destination.dicom.internal.ContextPlan.SendKey;

/**
 * One delivery to a {@code dicom} destination. Its instances are pulled in delivery order by up to
 * {@code max_associations} workers, each sending over its own association with C-STOREs pipelined up to the
 * negotiated asynchronous operations window. Each instance's outcome is reported as soon as its response
 * arrives. An instance-level failure (a failure status, a transfer syntax the peer refused) does not stop the
 * others; a failure of the association (refused, rejected, aborted, timed out) stops the delivery.
 */
final class StoreRun {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRun.class);
    /** How long a delivery waits for one of the destination's associations to come free. */
    static final long LEASE_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(10);
    /** A delivery gets one more association for every this many instances (up to max_associations). */
    static final int INSTANCES_PER_ASSOCIATION = 4;

    private final DicomDestinationConfig config;
    private final AssociationPool pool;
    private final ExecutorService workers;
    private final Delivery delivery;
    private final List<DeliveryInstance> instances;
    private final AtomicReferenceArray<Outcome> outcomes;
    private final Set<Lease> active = ConcurrentHashMap.newKeySet();
    private final AtomicInteger stored = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean stop;
    private volatile boolean cancelled;
    private volatile NetworkFailure fatal;

    /** What became of one attempt to send an instance. */
    private enum Sent {
        /** Sent; its outcome comes with the response. */
        SENT,
        /** Outcome recorded; the association is still usable. */
        INSTANCE_FAILED,
        /** Outcome recorded; the association was aborted by a half-sent message and must be replaced. */
        ASSOCIATION_LOST,
        /** The association failed; outcome not recorded yet (the caller may try once on a fresh association). */
        ASSOCIATION_FAILED
    }

    /** An attempt's result; {@code failure} is set for {@link Sent#ASSOCIATION_FAILED}. */
    private record Attempt(Sent kind, NetworkFailure failure) {
        static final Attempt SENT = new Attempt(Sent.SENT, null);
        static final Attempt INSTANCE_FAILED = new Attempt(Sent.INSTANCE_FAILED, null);
        static final Attempt ASSOCIATION_LOST = new Attempt(Sent.ASSOCIATION_LOST, null);
    }

    StoreRun(DicomDestinationConfig config, AssociationPool pool, ExecutorService workers, Delivery delivery) {
        this.config = config;
        this.pool = pool;
        this.workers = workers;
        this.delivery = delivery;
        this.instances = List.copyOf(delivery.instances());
        this.outcomes = new AtomicReferenceArray<>(instances.size());
    }

    void execute() throws DeliveryException, InterruptedException {
        List<Group> groups = plan();
        for (Group g : groups) {
            if (stop) {
                break;
            }
            runGroup(g);
        }
        finish();
    }

    // ------------------------------------------------------------------ planning

    /** Instances whose pairs need the same association; more than one only beyond 128 presentation contexts. */
    private record Group(List<Integer> indexes, Set<SendKey> keys) {
    }

    private List<Group> plan() {
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            DeliveryInstance inst = instances.get(i);
            if (blank(inst.sopClassUid()) || blank(inst.transferSyntaxUid())) {
                record(i, Outcome.notSent("not sent: the router's store gave no SOP Class UID or Transfer Syntax UID",
                        false));
                continue;
            }
            SendKey key = new SendKey(inst.sopClassUid().strip(), inst.transferSyntaxUid().strip());
            Group target = null;
            for (Group g : groups) {
                Set<SendKey> with = new LinkedHashSet<>(g.keys);
                with.add(key);
                if (ContextPlan.contextCount(with) <= AssociationRequest.MAX_PRESENTATION_CONTEXTS) {
                    target = g;
                    break;
                }
            }
            if (target == null) {
                target = new Group(new ArrayList<>(), new LinkedHashSet<>());
                groups.add(target);
            }
            target.indexes.add(i);
            target.keys.add(key);
        }
        return groups;
    }

    // ------------------------------------------------------------------ sending

    private void runGroup(Group g) throws InterruptedException {
        Lease first;
        try {
            first = pool.lease(g.keys, LEASE_WAIT_MILLIS, false);
        } catch (IOException e) {
            fail(NetworkFailure.of(e, config));
            return;
        } catch (TimeoutException e) {
            fail(new NetworkFailure(e.getMessage(), true));
            return;
        }
        Workers crew = new Workers();
        AtomicInteger cursor = new AtomicInteger();
        if (!crew.start(() -> work(g, cursor, first))) {
            pool.discard(first);
            fail(new NetworkFailure("destination '" + config.name() + "' is closed", true));
            return;
        }
        // Further associations for a larger delivery: one per INSTANCES_PER_ASSOCIATION instances, up to
        // max_associations. Sending starts at once on the first; the others join when (and if) they are open.
        int wanted = Math.min(config.maxAssociations(),
                (g.indexes.size() + INSTANCES_PER_ASSOCIATION - 1) / INSTANCES_PER_ASSOCIATION) - 1;
        for (int w = 0; w < wanted; w++) {
            crew.startJoiner(() -> {
                if (stop || cursor.get() >= g.indexes.size()) {
                    return null;
                }
                // only an association available now (idle, or a free slot): deliveries never wait on each other here
                return pool.lease(g.keys, 0, false);
            }, lease -> work(g, cursor, lease), lease -> pool.giveBack(lease),
                    () -> !stop && cursor.get() < g.indexes.size());
        }
        try {
            crew.awaitAll();
        } catch (InterruptedException e) {
            cancel(crew);
            throw e;
        }
    }

    /**
     * The workers of one group: the first one, and those that join later. Once the first has finished (all
     * instances are taken), no one joins any more, so waiting never depends on an extra association that is
     * still being opened (a peer serving one association at a time would leave it waiting for the ARTIM timeout).
     */
    private final class Workers {
        private final List<Future<?>> tasks = new ArrayList<>();
        private Future<?> first;
        private int working;
        private boolean closed;

        synchronized boolean start(Runnable work) {
            try {
                first = workers.submit(work);
                tasks.add(first);
                return true;
            } catch (RejectedExecutionException e) {
                return false;
            }
        }

        interface LeaseSource {
            Lease open() throws IOException, TimeoutException, InterruptedException;
        }

        void startJoiner(LeaseSource source, java.util.function.Consumer<Lease> work,
                java.util.function.Consumer<Lease> unused, java.util.function.BooleanSupplier stillUseful) {
            Runnable task = () -> {
                Lease lease;
                try {
                    lease = source.open();
                } catch (IOException | TimeoutException e) {
                    LOG.debug("Destination '{}': no extra association: {}", config.name(), e.toString());
                    return;
                } catch (InterruptedException e) {
                    return;
                }
                if (lease == null) {
                    return;
                }
                if (!join(stillUseful)) {
                    unused.accept(lease);
                    return;
                }
                try {
                    work.accept(lease);
                } finally {
                    leave();
                }
            };
            synchronized (this) {
                try {
                    tasks.add(workers.submit(task));
                } catch (RejectedExecutionException e) {
                    // closing: the first worker does the work
                }
            }
        }

        private synchronized boolean join(java.util.function.BooleanSupplier stillUseful) {
            if (closed || cancelled || !stillUseful.getAsBoolean()) {
                return false;
            }
            working++;
            return true;
        }

        private synchronized void leave() {
            working--;
            notifyAll();
        }

        void awaitAll() throws InterruptedException {
            try {
                first.get();
            } catch (ExecutionException e) {
                LOG.error("Destination '{}': delivery worker failed", config.name(), e.getCause());
                fail(new NetworkFailure("internal error: " + e.getCause(), true));
            }
            synchronized (this) {
                closed = true;
                while (working > 0) {
                    wait(1000);
                }
            }
        }

        synchronized List<Future<?>> tasks() {
            closed = true;
            return new ArrayList<>(tasks);
        }
    }

    private void work(Group g, AtomicInteger cursor, Lease initial) {
        Lease lease = initial;
        active.add(lease);
        boolean firstUse = true;
        List<CompletableFuture<?>> inflight = new ArrayList<>();
        try {
            while (!stop) {
                int k = cursor.getAndIncrement();
                if (k >= g.indexes.size()) {
                    break;
                }
                int i = g.indexes.get(k);
                if (lease == null || !lease.association().isOpen()) {
                    lease = replace(lease, g, false);
                    if (lease == null) {
                        break;
                    }
                    firstUse = true;
                }
                Attempt r = send(lease, i, inflight);
                if (r.kind() == Sent.ASSOCIATION_FAILED && lease.reused() && firstUse && !stop) {
                    // an idle association the peer dropped meanwhile: one more try on a new one
                    LOG.debug("Destination '{}': pooled {} failed on first use, opening a new one", config.name(),
                            lease.association());
                    lease = replace(lease, g, true);
                    if (lease == null) {
                        break;
                    }
                    r = send(lease, i, inflight);
                }
                firstUse = false;
                if (r.kind() == Sent.ASSOCIATION_FAILED) {
                    NetworkFailure f = r.failure();
                    record(i, Outcome.notSent("not sent: " + f.message(), f.retryable()));
                    fail(f);
                    // whatever state it is in, it is not used again (responses still due are lost with it)
                    lease.association().abort();
                } else if (r.kind() == Sent.ASSOCIATION_LOST) {
                    active.remove(lease);
                    pool.discard(lease);
                    lease = null;
                }
            }
            awaitResponses(lease, inflight);
        } finally {
            if (lease != null) {
                active.remove(lease);
                if (cancelled || !lease.association().isOpen()) {
                    pool.discard(lease);
                } else {
                    pool.giveBack(lease);
                }
            }
        }
    }

    private Lease replace(Lease old, Group g, boolean fresh) {
        if (old != null) {
            active.remove(old);
            pool.discard(old);
        }
        try {
            Lease l = pool.lease(g.keys, LEASE_WAIT_MILLIS, fresh);
            active.add(l);
            if (cancelled) {
                l.association().abort();
            }
            return l;
        } catch (IOException e) {
            fail(NetworkFailure.of(e, config));
        } catch (TimeoutException e) {
            fail(new NetworkFailure(e.getMessage(), true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = true;
        }
        return null;
    }

    private Attempt send(Lease lease, int i, List<CompletableFuture<?>> inflight) {
        DeliveryInstance inst = instances.get(i);
        ScuAssociation as = lease.association();
        SourceStream source = null;
        try {
            try {
                source = new SourceStream(inst.openPart10());
            } catch (IOException e) {
                record(i, Outcome.notSent("not sent: could not read the instance from the router's store: " + e, true));
                return Attempt.INSTANCE_FAILED;
            }
            InputStream in = new BufferedInputStream(source, 64 * 1024);
            Part10Header header;
            try {
                header = Part10Header.read(in);
            } catch (Part10Header.FormatException e) {
                record(i, Outcome.notSent("not sent: not a readable DICOM Part 10 stream: " + e.getMessage(), false));
                return Attempt.INSTANCE_FAILED;
            } catch (IOException e) {
                record(i, Outcome.notSent("not sent: could not read the instance from the router's store: " + e, true));
                return Attempt.INSTANCE_FAILED;
            }
            String cuid = inst.sopClassUid().strip();
            String iuid = blank(inst.sopInstanceUid()) ? header.sopInstanceUid() : inst.sopInstanceUid().strip();
            String ts = header.transferSyntaxUid();
            if (blank(iuid)) {
                record(i, Outcome.notSent("not sent: no SOP Instance UID", false));
                return Attempt.INSTANCE_FAILED;
            }
            PresentationContext pc = context(as, cuid, ts, inst.transferSyntaxUid().strip(), i);
            if (pc == null) {
                return Attempt.INSTANCE_FAILED;
            }
            CompletableFuture<DimseResponse> response;
            try {
                response = as.storeAsync(pc, cuid, iuid, ts, in, 0, null, -1);
            } catch (IOException e) {
                return sendFailed(i, e);
            }
            long size = source.count();
            LOG.debug("Destination '{}': sent {} ({} bytes, {} as {}) on {}", config.name(), iuid, size, ts,
                    pc.transferSyntax(), as);
            inflight.add(response.whenComplete((rsp, ex) -> onResponse(i, rsp, ex, size)));
            return Attempt.SENT;
        } finally {
            closeQuietly(source);
        }
    }

    private Attempt sendFailed(int i, IOException e) {
        if (cause(e, SourceStream.ReadException.class) != null) {
            record(i, Outcome.notSent("not sent: reading the instance from the router's store failed while sending: "
                    + cause(e, SourceStream.ReadException.class).getMessage(), true));
            return Attempt.ASSOCIATION_LOST;
        }
        DicomParseException parse = cause(e, DicomParseException.class);
        if (parse != null) {
            // found while converting to the accepted transfer syntax
            record(i, Outcome.notSent("not sent: the data set cannot be parsed for conversion: " + parse.getMessage(),
                    false));
            return Attempt.ASSOCIATION_LOST;
        }
        if (Thread.currentThread().isInterrupted() || cancelled) {
            stop = true;
            record(i, Outcome.notSent("not sent: delivery cancelled", true));
            return Attempt.ASSOCIATION_LOST;
        }
        return new Attempt(Sent.ASSOCIATION_FAILED, NetworkFailure.of(e, config));
    }

    /**
     * The accepted context to send on: the instance's own transfer syntax, else (for an uncompressed one) an
     * uncompressed syntax the toolkit converts to. Records why not when there is none.
     */
    private PresentationContext context(ScuAssociation as, String cuid, String ts, String declaredTs, int i) {
        try {
            return as.selectContextForSending(cuid, ts);
        } catch (NoPresentationContextException e) {
            List<PresentationContext> forClass = as.acceptedPresentationContexts().stream()
                    .filter(pc -> pc.abstractSyntax().equals(cuid)).toList();
            String peer = config.calledAeTitle();
            String detail;
            if (forClass.isEmpty()) {
                detail = "SOP class " + name(cuid) + " was not accepted by " + peer;
            } else {
                String accepted = forClass.stream().map(pc -> name(pc.transferSyntax())).distinct()
                        .collect(Collectors.joining(", "));
                detail = "transfer syntax " + name(ts) + " was not accepted by " + peer + " for " + name(cuid)
                        + " (it accepts only " + accepted + ") and the router does not decompress";
                if (!ts.equals(declaredTs)) {
                    detail += "; the stream's transfer syntax differs from the one the router's store gave ("
                            + declaredTs + ")";
                }
            }
            record(i, Outcome.notSent("not sent: " + detail, false));
            return null;
        }
    }

    private void onResponse(int i, DimseResponse rsp, Throwable ex, long size) {
        if (rsp != null) {
            String comment = rsp.errorComment() == null || rsp.errorComment().isBlank() ? "" : ": " + rsp.errorComment();
            String detail = StoreStatus.describe(rsp.status()) + comment;
            if (StoreStatus.accepted(rsp.status())) {
                record(i, Outcome.stored(rsp.status(), rsp.status() == 0 ? "" : detail));
                synchronized (stored) {
                    // responses arrive on several associations' threads; keep the reported counts increasing
                    delivery.progress(stored.incrementAndGet(), bytes.addAndGet(size));
                }
            } else {
                record(i, Outcome.failed(rsp.status(), detail, StoreStatus.retryable(rsp.status())));
            }
            return;
        }
        Throwable cause = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null
                ? ex.getCause() : ex;
        NetworkFailure f = cause instanceof IOException io ? NetworkFailure.of(io, config)
                : new NetworkFailure(String.valueOf(cause), true);
        if (cancelled) {
            record(i, Outcome.notSent("no response: delivery cancelled", true));
            return;
        }
        record(i, Outcome.notSent("no response: " + f.message(), f.retryable()));
        fail(f);
    }

    /** Waits for the responses still due on an association; the toolkit aborts it when a response is late. */
    private void awaitResponses(Lease lease, List<CompletableFuture<?>> inflight) {
        if (inflight.isEmpty()) {
            return;
        }
        long limit = config.responseTimeout().toMillis() + 10_000;
        try {
            CompletableFuture.allOf(inflight.toArray(new CompletableFuture<?>[0])).get(limit, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CancellationException e) {
            // each future records its own outcome
        } catch (TimeoutException e) {
            if (lease != null) {
                lease.association().abort();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (lease != null) {
                lease.association().abort();
            }
        }
    }

    /** Cancellation: aborts every association in use, so blocked sends end at once, and stops the workers. */
    private void cancel(Workers crew) {
        cancelled = true;
        stop = true;
        for (Lease l : active) {
            l.association().abort();
        }
        List<Future<?>> running = crew.tasks();
        running.forEach(f -> f.cancel(true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Future<?> f : running) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | CancellationException | TimeoutException e) {
                // cancelled or ended: nothing left to wait for
            }
        }
        LOG.info("Destination '{}': delivery of transfer {} cancelled, associations in use aborted", config.name(),
                delivery.transferId());
    }

    private void fail(NetworkFailure f) {
        synchronized (this) {
            if (fatal == null) {
                fatal = f;
            }
        }
        stop = true;
    }

    // ------------------------------------------------------------------ results

    private void record(int i, Outcome o) {
        if (!outcomes.compareAndSet(i, null, o)) {
            return;
        }
        String uid = uidOf(i);
        if (o.success()) {
            LOG.debug("Destination '{}': {} stored{}", config.name(), uid, o.detail().isEmpty() ? "" : ", " + o.detail());
        } else {
            LOG.debug("Destination '{}': {} failed: {}", config.name(), uid, o.detail());
        }
        try {
            delivery.instanceResult(new InstanceResult(uid, o.success(), o.status(), o.detail()));
        } catch (RuntimeException e) {
            LOG.warn("Destination '{}': recording the result of {} failed: {}", config.name(), uid, e.toString());
        }
    }

    private void finish() throws DeliveryException {
        NetworkFailure f = fatal;
        for (int i = 0; i < instances.size(); i++) {
            if (outcomes.get(i) == null) {
                record(i, f != null ? Outcome.notSent("not sent: " + f.message(), f.retryable())
                        : Outcome.notSent("not sent", true));
            }
        }
        int failed = 0;
        int firstFailure = -1;
        boolean retryable = true;
        for (int i = 0; i < instances.size(); i++) {
            Outcome o = outcomes.get(i);
            if (!o.success()) {
                failed++;
                retryable &= o.retryable();
                if (firstFailure < 0) {
                    firstFailure = i;
                }
            }
        }
        String peer = config.calledAeTitle() + "@" + config.host() + ":" + config.port();
        if (failed == 0) {
            LOG.info("Destination '{}': {} instances ({} bytes) of study {} stored on {} for transfer {}", config.name(),
                    instances.size(), bytes.get(), delivery.studyInstanceUid(), peer, delivery.transferId());
            return;
        }
        int delivered = firstFailure;
        Outcome first = outcomes.get(firstFailure);
        StringBuilder msg = new StringBuilder("Destination '").append(config.name()).append("': ").append(failed)
                .append(" of ").append(instances.size()).append(" instances not stored on ").append(peer)
                .append("; first: ").append(uidOf(firstFailure)).append(" (")
                .append(name(instances.get(firstFailure).sopClassUid())).append("): ").append(first.detail());
        if (f != null && !first.detail().contains(f.message())) {
            msg.append("; the delivery stopped: ").append(f.message());
        }
        msg.append(retryable ? " [retryable]" : " [not retryable]");
        LOG.warn("{}", msg);
        throw new DeliveryException(msg.toString(), retryable, delivered, null);
    }

    // ------------------------------------------------------------------ helpers

    private String uidOf(int i) {
        String uid = instances.get(i).sopInstanceUid();
        return blank(uid) ? "#" + (i + 1) : uid.strip();
    }

    /** "CT Image Storage (1.2.840.10008.5.1.4.1.1.2)", or the UID alone when unknown. */
    static String name(String uid) {
        if (uid == null) {
            return "(none)";
        }
        String n = UID.nameOf(uid);
        if (n == null && TransferSyntax.forUid(uid).isKnown()) {
            n = TransferSyntax.forUid(uid).name();
        }
        return n == null ? uid : n + " (" + uid + ")";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            LOG.trace("close: {}", e.toString());
        }
    }
}
