package org.xnat.router.routing.internal.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.InstanceResult;

/** A claimed batch as handed to a destination; collects the per-instance results it reports. */
final class QueuedDelivery implements Delivery {

    private final TransferInfo transfer;
    private final List<DeliveryInstance> instances;
    private final Map<String, InstanceResult> results = new ConcurrentHashMap<>();
    private volatile int instancesDone;
    private volatile long bytesDone;

    QueuedDelivery(TransferInfo transfer, List<? extends DeliveryInstance> instances) {
        this.transfer = transfer;
        this.instances = List.copyOf(instances);
    }

    @Override
    public long transferId() {
        return transfer.id();
    }

    @Override
    public String studyInstanceUid() {
        return transfer.studyInstanceUid();
    }

    @Override
    public String routeAeTitle() {
        return transfer.routeAeTitle();
    }

    @Override
    public String callingAeTitle() {
        return transfer.callingAeTitle();
    }

    @Override
    public Map<String, Object> options() {
        return transfer.policy().options();
    }

    @Override
    public List<DeliveryInstance> instances() {
        return instances;
    }

    @Override
    public void progress(int done, long bytes) {
        this.instancesDone = done;
        this.bytesDone = bytes;
    }

    @Override
    public void instanceResult(InstanceResult result) {
        if (result != null) {
            results.put(result.sopInstanceUid(), result);
        }
    }

    InstanceResult result(String sopInstanceUid) {
        return results.get(sopInstanceUid);
    }

    int instancesDone() {
        return instancesDone;
    }

    long bytesDone() {
        return bytesDone;
    }
}
