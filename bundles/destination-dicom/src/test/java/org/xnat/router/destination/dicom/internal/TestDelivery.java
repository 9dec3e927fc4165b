package org.xnat.router.destination.dicom.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.InstanceResult;

/** A delivery as the router's queue would hand it over, recording the progress and results it is told. */
final class TestDelivery implements Delivery {

    final List<long[]> progress = new ArrayList<>();
    final List<InstanceResult> results = new ArrayList<>();
    private final List<DeliveryInstance> instances;

    TestDelivery(List<? extends DeliveryInstance> instances) {
        this.instances = List.copyOf(instances);
    }

    @Override
    public long transferId() {
        return 7;
    }

    @Override
    public String studyInstanceUid() {
        return "1.2.3.4";
    }

    @Override
    public String routeAeTitle() {
        return "ROUTER";
    }

    @Override
    public String callingAeTitle() {
        return "MODALITY";
    }

    @Override
    public Map<String, Object> options() {
        return Map.of();
    }

    @Override
    public List<DeliveryInstance> instances() {
        return instances;
    }

    @Override
    public synchronized void progress(int instancesDone, long bytesDone) {
        progress.add(new long[] {instancesDone, bytesDone});
    }

    @Override
    public synchronized void instanceResult(InstanceResult result) {
        results.add(result);
    }

    synchronized InstanceResult resultOf(String sopInstanceUid) {
        return results.stream().filter(r -> r.sopInstanceUid().equals(sopInstanceUid)).reduce((a, b) -> {
            throw new AssertionError("two results for " + sopInstanceUid + ": " + a + ", " + b);
        }).orElseThrow(() -> new AssertionError("no result for " + sopInstanceUid + " in " + results));
    }

    synchronized List<InstanceResult> results() {
        return List.copyOf(results);
    }
}
