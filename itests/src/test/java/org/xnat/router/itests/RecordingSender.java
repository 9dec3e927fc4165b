package org.xnat.router.itests;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;

/**
 * Sends instances one by one over one association with the toolkit's SCU and records what each C-STORE got:
 * the ground truth of what the router acknowledged. When the router goes away the instance in flight has no
 * answer, the next one cannot even be sent, and the sender waits for the router to come back and goes on with
 * the one after. It never resends: every instance has exactly one recorded outcome.
 */
final class RecordingSender implements Runnable, AutoCloseable {

    enum Outcome {
        /** a C-STORE-RSP with a success or warning status: the router took responsibility */
        ACKNOWLEDGED,
        /** a C-STORE-RSP with a failure status */
        FAILED_STATUS,
        /** sent (at least in part), no response: the router died or the association broke */
        NO_RESPONSE,
        /** not sent: no association could be opened */
        NOT_SENT
    }

    record Result(Outcome outcome, int status, String detail) {
    }

    private final List<TestInstances.Instance> instances;
    private final String calledAe;
    private final int port;
    private final Map<Integer, Result> results = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();
    private final DicomClient client = new DicomClient(ConnectionOptions.builder()
            .connectTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(40)).build());
    private volatile int limit;
    private volatile boolean stopped;
    private volatile Throwable failure;

    RecordingSender(List<TestInstances.Instance> instances, String calledAe, int port) {
        this.instances = instances;
        this.calledAe = calledAe;
        this.port = port;
    }

    /** Lets the sender go on up to (not including) instance {@code index}. */
    void allowUpTo(int index) {
        limit = Math.min(index, instances.size());
    }

    int acknowledged() {
        return acknowledged.get();
    }

    /** Instances with a recorded outcome. */
    int done() {
        return next.get();
    }

    Map<Integer, Result> results() {
        return Map.copyOf(results);
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        ScuAssociation as = null;
        try {
            for (int i = 0; i < instances.size() && !stopped; i++) {
                while (i >= limit && !stopped) {
                    Thread.sleep(10);
                }
                if (stopped) {
                    break;
                }
                TestInstances.Instance in = instances.get(i);
                if (as == null || !as.isOpen()) {
                    try {
                        as = connect();
                    } catch (IOException e) {
                        results.put(i, new Result(Outcome.NOT_SENT, -1, e.getMessage()));
                        next.incrementAndGet();
                        as = awaitRouter();
                        continue;
                    }
                }
                try {
                    DimseResponse rsp = as.store(in.file());
                    if (rsp.isFailure()) {
                        results.put(i, new Result(Outcome.FAILED_STATUS, rsp.status(), rsp.errorComment()));
                    } else {
                        results.put(i, new Result(Outcome.ACKNOWLEDGED, rsp.status(), ""));
                        acknowledged.incrementAndGet();
                    }
                } catch (IOException e) {
                    results.put(i, new Result(Outcome.NO_RESPONSE, -1, String.valueOf(e)));
                    as.abort();
                    as = null;
                }
                next.incrementAndGet();
            }
            if (as != null) {
                as.release();
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private ScuAssociation connect() throws IOException {
        return client.connect("127.0.0.1", port, AssociationRequest.builder("NOLOSS_SCU", calledAe)
                .addPresentationContext(UID.CTImageStorage, UID.ExplicitVRLittleEndian).build());
    }

    /** Waits (up to 3 minutes) until the router accepts an association again. */
    private ScuAssociation awaitRouter() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!stopped) {
            try {
                return connect();
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the router did not come back within 3 minutes", notYet);
                }
                Thread.sleep(100);
            }
        }
        return null;
    }

    @Override
    public void close() {
        stopped = true;
        client.close();
    }
}
