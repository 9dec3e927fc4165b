package org.xnat.router.routing.internal.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.xnat.router.routing.internal.delivery.ClaimedBatch;
import org.xnat.router.routing.internal.delivery.DeliveryQueue;
import org.xnat.router.routing.internal.delivery.TransferInfo;

/**
 * A claimed batch after de-identification: the instances ready to send (and the transfer as the destination sees
 * it: processed Study Instance UID, the broker's labels in the options), the instances that failed (each with
 * its reason; retryable or not), or the whole batch waiting because the processors cannot be made now.
 * Closing it deletes the processed copies.
 */
public final class Preparation implements AutoCloseable {

    /** Rows that failed for the same kind of reason, with their outcomes. */
    public record Failed(ClaimedBatch batch, boolean retryable, Map<Long, DeliveryQueue.Outcome> outcomes, String error) {
    }

    private final ClaimedBatch ready;
    private final List<PreparedInstance> instances;
    private final TransferInfo transfer;
    private final List<Failed> failed;
    private final String waitReason;

    Preparation(ClaimedBatch ready, List<PreparedInstance> instances, TransferInfo transfer, List<Failed> failed,
            String waitReason) {
        this.ready = ready;
        this.instances = List.copyOf(instances);
        this.transfer = transfer;
        this.failed = List.copyOf(failed);
        this.waitReason = waitReason;
    }

    static Preparation waiting(ClaimedBatch batch, String reason) {
        return new Preparation(batch, List.of(), batch.transfer(), List.of(), reason);
    }

    /** Non-null when the whole batch waits (goes back to the queue without counting an attempt). */
    public String waitReason() {
        return waitReason;
    }

    /** The rows to deliver (in the order of {@link #instances()}); the whole batch when it waits. */
    public ClaimedBatch ready() {
        return ready;
    }

    public List<PreparedInstance> instances() {
        return instances;
    }

    /** The transfer as the destination sees it. */
    public TransferInfo transfer() {
        return transfer;
    }

    public List<Failed> failed() {
        return failed;
    }

    @Override
    public void close() {
        instances.forEach(i -> InstancePreparer.deleteQuietly(i.file()));
    }

    static List<Failed> group(ClaimedBatch batch, Map<Long, InstanceProcessingException> failures) {
        List<Failed> out = new ArrayList<>();
        for (boolean retryable : new boolean[] {false, true}) {
            Map<Long, DeliveryQueue.Outcome> outcomes = new java.util.HashMap<>();
            List<org.xnat.router.routing.internal.delivery.QueueRow> rows = new ArrayList<>();
            String first = null;
            for (var r : batch.rows()) {
                InstanceProcessingException e = failures.get(r.id());
                if (e != null && e.retryable() == retryable) {
                    rows.add(r);
                    outcomes.put(r.id(), new DeliveryQueue.Outcome(false, -1, e.getMessage()));
                    first = first == null ? e.getMessage() : first;
                }
            }
            if (!rows.isEmpty()) {
                out.add(new Failed(new ClaimedBatch(batch.transfer(), rows), retryable, outcomes, first));
            }
        }
        return out;
    }
}
