package org.xnat.router.routing.internal.processing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.routing.internal.delivery.ClaimedBatch;
import org.xnat.router.routing.internal.delivery.QueueRow;
import org.xnat.router.routing.internal.delivery.TransferInfo;
import org.xnat.router.routing.internal.tracking.TransferPolicy;

/**
 * De-identification of claimed batches, for the delivery workers. A batch of a route destination that
 * de-identifies is never handed to a destination unprocessed: each instance is processed from its spooled
 * original on every attempt, and one that cannot be processed is kept back (waiting, or failed with the reason)
 * while the others go on.
 */
public final class DeidDeliveries {

    /** Option keys (as stored with a transfer) that mean the instances were queued for de-identification. */
    private static final List<String> DEID_OPTIONS = List.of("anonymize", "anon_script", "use_honest_broker");

    private final ProcessingPlans plans;
    private final Function<String, Path> spoolFile;
    private final Path workDirectory;

    public DeidDeliveries(ProcessingPlans plans, Function<String, Path> spoolFile, Path workDirectory) {
        this.plans = plans;
        this.spoolFile = spoolFile;
        this.workDirectory = workDirectory;
    }

    /**
     * @param tagModifications the route's tag modifications (run first), or null
     * @return null when the batch's route destination does not de-identify
     * @throws InterruptedException the worker is stopping; nothing is left behind
     */
    public Preparation prepare(ClaimedBatch batch, DatasetProcessor tagModifications) throws InterruptedException {
        TransferInfo t = batch.transfer();
        Plan plan = plans.plan(t.routeAeTitle(), t.destination());
        if (plan instanceof Plan.None) {
            if (queuedForDeidentification(t.policy())) {
                // the configuration changed since: never send what was meant to be de-identified as it is
                return Preparation.waiting(batch, "route " + t.routeAeTitle() + ", destination " + t.destination()
                        + ": the transfer was queued for de-identification, which the configuration no longer sets up");
            }
            return null;
        }
        if (plan instanceof Plan.Waiting w) {
            return Preparation.waiting(batch, w.reason());
        }
        Plan.Ready ready = (Plan.Ready) plan;
        List<DatasetProcessor> chain = new ArrayList<>();
        if (tagModifications != null) {
            chain.add(tagModifications);
        }
        chain.addAll(ready.processors());
        List<PreparedInstance> prepared = new ArrayList<>();
        Map<Long, InstanceProcessingException> failures = new HashMap<>();
        try {
            for (QueueRow r : batch.rows()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("stopping while de-identifying");
                }
                InstancePreparer.Context ctx = InstancePreparer.context(t.routeAeTitle(), t.destination(),
                        t.callingAeTitle(), ready.projectId());
                try {
                    prepared.add(InstancePreparer.prepare(r, spoolFile.apply(r.spoolPath()), workDirectory, chain, ctx));
                } catch (InstanceProcessingException e) {
                    if (Thread.interrupted()) {
                        // stopping (an interrupted file read fails too): the batch goes back, no attempt counted
                        throw new InterruptedException("stopping while de-identifying");
                    }
                    failures.put(r.id(), e);
                }
            }
        } catch (InterruptedException | RuntimeException | Error e) {
            prepared.forEach(p -> InstancePreparer.deleteQuietly(p.file()));
            throw e;
        }
        List<QueueRow> readyRows = prepared.stream().map(PreparedInstance::row).toList();
        TransferInfo sent = t;
        if (!prepared.isEmpty()) {
            sent = asSent(t, prepared.get(0));
        }
        return new Preparation(new ClaimedBatch(t, readyRows), prepared, sent, Preparation.group(batch, failures), null);
    }

    /** The transfer with the processed Study Instance UID and the broker's labels as options. */
    private static TransferInfo asSent(TransferInfo t, PreparedInstance first) {
        Map<String, Object> options = new LinkedHashMap<>(t.policy().options());
        for (String label : List.of("subject", "session")) {
            String v = first.variables().get(label);
            if (v != null && !v.isBlank()) {
                options.put(label, v);
            }
        }
        TransferPolicy p = t.policy();
        return new TransferInfo(t.id(), first.studyInstanceUid(), t.routeAeTitle(), t.callingAeTitle(), t.destination(),
                new TransferPolicy(p.mode(), p.maxRetries(), p.retryDelaySeconds(), p.studyTimeoutSeconds(), options));
    }

    private static boolean queuedForDeidentification(TransferPolicy policy) {
        for (String k : DEID_OPTIONS) {
            Object v = policy.options().get(k);
            String s = v == null ? "" : String.valueOf(v).strip();
            if (!s.isEmpty() && !s.equalsIgnoreCase("false")) {
                return true;
            }
        }
        return false;
    }
}
