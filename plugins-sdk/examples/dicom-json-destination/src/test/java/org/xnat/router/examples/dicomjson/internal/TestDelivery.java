package org.xnat.router.examples.dicomjson.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.InstanceResult;

/** A delivery as the router's queue would hand it over, recording what the destination reports. */
final class TestDelivery implements Delivery {

    final List<InstanceResult> results = new ArrayList<>();
    final List<long[]> progress = new ArrayList<>();
    private final List<DeliveryInstance> instances;

    TestDelivery(List<Path> files) {
        this.instances = files.stream().map(TestDelivery::instance).toList();
    }

    static DeliveryInstance instance(Path file) {
        return new DeliveryInstance() {
            @Override
            public String sopClassUid() {
                return "1.2.840.10008.5.1.4.1.1.2";
            }

            @Override
            public String sopInstanceUid() {
                return file.getFileName().toString();
            }

            @Override
            public String transferSyntaxUid() {
                return "1.2.840.10008.1.2.1";
            }

            @Override
            public long size() {
                return -1;
            }

            @Override
            public InputStream openPart10() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }

    @Override
    public long transferId() {
        return 7;
    }

    @Override
    public String studyInstanceUid() {
        return "1.2.3";
    }

    @Override
    public String routeAeTitle() {
        return "ROUTER";
    }

    @Override
    public String callingAeTitle() {
        return "SCANNER";
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
}
