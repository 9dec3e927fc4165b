package org.xnat.router.destination.file.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryInstance;

/** A delivery as the router's queue would hand it over, recording the progress it is told. */
final class TestDelivery implements Delivery {

    final List<long[]> progress = new ArrayList<>();
    final List<org.xnat.router.api.destination.InstanceResult> results = new ArrayList<>();
    private final String studyInstanceUid;
    private final String callingAe;
    private final List<DeliveryInstance> instances;

    TestDelivery(String studyInstanceUid, String callingAe, List<DeliveryInstance> instances) {
        this.studyInstanceUid = studyInstanceUid;
        this.callingAe = callingAe;
        this.instances = instances;
    }

    @Override
    public long transferId() {
        return 42;
    }

    @Override
    public String studyInstanceUid() {
        return studyInstanceUid;
    }

    @Override
    public String routeAeTitle() {
        return "ROUTER";
    }

    @Override
    public String callingAeTitle() {
        return callingAe;
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
    public synchronized void instanceResult(org.xnat.router.api.destination.InstanceResult result) {
        results.add(result);
    }

    @Override
    public synchronized void progress(int instancesDone, long bytesDone) {
        progress.add(new long[] {instancesDone, bytesDone});
    }
}
