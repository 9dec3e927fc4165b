package org.xnat.router.destination.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseException;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.StorageSink;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.InstanceResult;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

/** Failures: peers that are down, reject, abort, answer with failure statuses; broken sources; cancellation. */
class FailureTest {

    static final String PEER = "PEERSCP";
    static final String UID_ROOT = "1.2.826.0.1.3680043.10.543.9.";

    @TempDir
    Path work;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TestInstance ct;

    @BeforeAll
    static void corpus() {
        Pydicom.assumeAvailable();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private TestInstance ct() throws Exception {
        if (ct == null) {
            ct = TestInstance.of(Pydicom.corpus("CT_small.dcm"));
        }
        return ct;
    }

    /** Instances that are all CT_small.dcm under SOP Instance UIDs {@code UID_ROOT + n}. */
    private List<TestInstance> instances(int... n) throws Exception {
        List<TestInstance> list = new ArrayList<>();
        for (int i : n) {
            list.add(ct().as(UID_ROOT + i));
        }
        return list;
    }

    private DicomDestination destination(String calledAe, int port, Map<String, Object> extra) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("ae_title", calledAe, "host", "127.0.0.1", "port", port,
                "calling_ae_title", "ROUTERTEST", "connect_timeout_seconds", 3, "response_timeout_seconds", 10));
        p.putAll(extra);
        DicomDestination d = (DicomDestination) new DicomDestinationFactory().create(new ComponentConfig("pacs", "dicom", p));
        toClose.add(d);
        return d;
    }

    private DicomServer server(ScpConfig.Builder config, StorageSink sink) throws IOException {
        DicomServer s = DicomServer.builder(config.bindAddress("127.0.0.1").port(0).build()).storageSink(sink).start();
        toClose.add(s);
        return s;
    }

    private static DeliveryException deliveryFailure(DicomDestination d, TestDelivery delivery) {
        try {
            d.deliver(delivery);
        } catch (DeliveryException e) {
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the delivery succeeded");
    }

    @Test
    void aPeerThatIsDownFailsRetryablyAndIsDown() throws Exception {
        int port = Storescp.freePort();
        DicomDestination d = destination(PEER, port, Map.of());
        List<TestInstance> list = instances(1, 2);
        TestDelivery delivery = new TestDelivery(list);
        DeliveryException e = deliveryFailure(d, delivery);
        assertThat(e.retryable()).isTrue();
        assertThat(e.instancesDelivered()).isZero();
        assertThat(e.getMessage()).contains("connection refused").contains("2 of 2");
        assertThat(delivery.results()).hasSize(2).noneMatch(InstanceResult::success)
                .allSatisfy(r -> assertThat(r.detail()).contains("connection refused"));
        HealthReport health = d.check();
        assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.detail()).contains("connection refused");
    }

    @Test
    void aPeerThatNeverAnswersTimesOut() throws Exception {
        // accepts TCP connections, never answers the A-ASSOCIATE-RQ
        java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"));
        toClose.add(silent);
        List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept());
                }
            } catch (IOException e) {
                // closed
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        toClose.add(() -> accepted.forEach(s -> {
            try {
                s.close();
            } catch (IOException e) {
                // ignore
            }
        }));
        DicomDestination d = destination(PEER, silent.getLocalPort(), Map.of("connect_timeout_seconds", 1));
        long start = System.nanoTime();
        DeliveryException e = deliveryFailure(d, new TestDelivery(instances(1)));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("timeout");
        HealthReport health = d.check();
        assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.detail()).contains("timeout");
    }

    @Test
    void anUnknownCalledAeTitleIsRejectedForGood() throws Exception {
        DicomServer scp = server(ScpConfig.builder().aeTitles(PEER), (s, in) -> DimseStatus.SUCCESS);
        DicomDestination d = destination("NOSUCHAE", scp.port(), Map.of());
        TestDelivery delivery = new TestDelivery(instances(1));
        DeliveryException e = deliveryFailure(d, delivery);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("rejected").contains("permanent").contains("called AE title not recognized")
                .contains("ae_title");
        assertThat(delivery.resultOf(UID_ROOT + 1).success()).isFalse();
        HealthReport health = d.check();
        assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.detail()).contains("rejected").contains("permanent").contains("service-user")
                .contains("called AE title not recognized");
    }

    @Test
    void aTransientRejectionIsRetryable() throws Exception {
        DicomServer scp = server(ScpConfig.builder().aeTitles(PEER).maxAssociations(1), (s, in) -> DimseStatus.SUCCESS);
        // someone else holds the peer's only association
        DicomClient other = new DicomClient(ConnectionOptions.defaults());
        toClose.add(other);
        ScuAssociation held = other.connect("127.0.0.1", scp.port(), AssociationRequest.builder("OTHER", PEER)
                .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build());
        toClose.add(held);
        DicomDestination d = destination(PEER, scp.port(), Map.of());
        DeliveryException e = deliveryFailure(d, new TestDelivery(instances(1)));
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("rejected").contains("transient");
    }

    @Test
    void failureStatusesAreRecordedPerInstanceAndWarningsCountAsStored() throws Exception {
        Map<String, Integer> statusOf = Map.of(UID_ROOT + 2, DimseStatus.WARNING_DATASET_MISMATCH,
                UID_ROOT + 3, DimseStatus.REFUSED_OUT_OF_RESOURCES, UID_ROOT + 12, 0xC001, UID_ROOT + 13, 0xA900,
                UID_ROOT + 14, DimseStatus.WARNING_ELEMENTS_DISCARDED);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        DicomServer scp = server(ScpConfig.builder().aeTitles(PEER), (s, in) -> {
            seen.add(s.sopInstanceUid());
            int status = statusOf.getOrDefault(s.sopInstanceUid(), DimseStatus.SUCCESS);
            if (DimseStatus.isFailure(status)) {
                throw new DimseException(status, "refused by the test peer");
            }
            return status;
        });
        DicomDestination d = destination(PEER, scp.port(), Map.of("max_associations", 1));

        // a retryable failure (A700) after a warning: retryable, two delivered
        TestDelivery first = new TestDelivery(instances(1, 2, 3, 4));
        DeliveryException e = deliveryFailure(d, first);
        assertThat(e.retryable()).isTrue();
        assertThat(e.instancesDelivered()).isEqualTo(2);
        assertThat(e.getMessage()).contains("1 of 4").contains(UID_ROOT + 3).contains("A700H")
                .contains("out of resources").contains("refused by the test peer");
        assertThat(first.resultOf(UID_ROOT + 1)).isEqualTo(new InstanceResult(UID_ROOT + 1, true, 0, ""));
        assertThat(first.resultOf(UID_ROOT + 2).success()).isTrue();
        assertThat(first.resultOf(UID_ROOT + 2).status()).isEqualTo(0xB007);
        assertThat(first.resultOf(UID_ROOT + 3).success()).isFalse();
        assertThat(first.resultOf(UID_ROOT + 3).status()).isEqualTo(0xA700);
        assertThat(first.resultOf(UID_ROOT + 4).success()).isTrue();
        assertThat(seen).contains(UID_ROOT + 4); // a failed instance does not stop the others

        // "cannot understand" and "data set does not match SOP class" will not change on a retry
        TestDelivery second = new TestDelivery(instances(11, 12, 13, 14, 3));
        e = deliveryFailure(d, second);
        assertThat(e.retryable()).isFalse();
        assertThat(e.instancesDelivered()).isEqualTo(1);
        assertThat(e.getMessage()).contains("3 of 5").contains(UID_ROOT + 12).contains("C001H").contains("cannot understand");
        assertThat(second.resultOf(UID_ROOT + 13).status()).isEqualTo(0xA900);
        assertThat(second.resultOf(UID_ROOT + 13).detail()).contains("does not match SOP class");
        assertThat(second.resultOf(UID_ROOT + 14).success()).isTrue();
        assertThat(second.results()).hasSize(5);
        // both deliveries used the one association
        assertThat(d.pool().openedTotal()).isEqualTo(1);
    }

    @Test
    void pipelinesStoresWithinTheNegotiatedWindow() throws Exception {
        ConnectionOptions window = ConnectionOptions.builder().asyncOperationsWindow(8, 8).build();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        DicomServer scp = server(ScpConfig.builder().aeTitles(PEER).options(window), (s, in) -> {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            seen.add(s.sopInstanceUid());
            return DimseStatus.SUCCESS;
        });
        DicomDestination d = destination(PEER, scp.port(), Map.of("max_associations", 1));
        int[] n = new int[30];
        for (int i = 0; i < n.length; i++) {
            n[i] = 100 + i;
        }
        TestDelivery delivery = new TestDelivery(instances(n));
        d.deliver(delivery);
        assertThat(delivery.results()).hasSize(30).allMatch(InstanceResult::success);
        assertThat(seen).hasSize(30);
        assertThat(d.pool().openedTotal()).isEqualTo(1);
    }

    @Test
    void anAbortedAssociationFailsTheDeliveryRetryably() throws Exception {
        Storescp.assumeInstalled();
        try (Storescp scp = Storescp.start(work, "--abort-after")) {
            DicomDestination d = destination(Storescp.AE, scp.port, Map.of());
            TestDelivery delivery = new TestDelivery(instances(1, 2, 3));
            DeliveryException e = deliveryFailure(d, delivery);
            assertThat(e.retryable()).isTrue();
            assertThat(e.instancesDelivered()).isZero();
            assertThat(e.getMessage()).containsIgnoringCase("abort");
            assertThat(delivery.results()).hasSize(3).noneMatch(InstanceResult::success);
            assertThat(d.pool().openCount()).isZero();
        }
    }

    @Test
    void aPooledAssociationThePeerDroppedIsReplaced() throws Exception {
        // the peer aborts associations idle for a second; our pool would keep them for 30 s
        ConnectionOptions impatient = ConnectionOptions.builder().idleTimeout(Duration.ofSeconds(1)).build();
        DicomServer scp = server(ScpConfig.builder().aeTitles(PEER).options(impatient), (s, in) -> DimseStatus.SUCCESS);
        DicomDestination d = destination(PEER, scp.port(), Map.of("max_associations", 1));
        d.deliver(new TestDelivery(instances(1)));
        Thread.sleep(2500);
        TestDelivery again = new TestDelivery(instances(2));
        d.deliver(again);
        assertThat(again.resultOf(UID_ROOT + 2).success()).isTrue();
        assertThat(d.pool().openedTotal()).isEqualTo(2);
    }

    @Test
    void unreadableOrBrokenSourcesFailThoseInstancesOnly() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        DicomServer scp = server(ScpConfig.builder().aeTitles(PEER), (s, in) -> {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            seen.add(s.sopInstanceUid());
            return DimseStatus.SUCCESS;
        });
        DicomDestination d = destination(PEER, scp.port(), Map.of("max_associations", 1));
        TestInstance good = ct();
        TestInstance notDicom = new TestInstance(good.file, good.sopClassUid(), UID_ROOT + 2, good.transferSyntaxUid()) {
            @Override
            public InputStream openPart10() {
                return new ByteArrayInputStream("this is not DICOM at all".repeat(20).getBytes());
            }
        };
        TestInstance breaksMidway = new TestInstance(good.file, good.sopClassUid(), UID_ROOT + 3, good.transferSyntaxUid()) {
            @Override
            public InputStream openPart10() throws IOException {
                return new FilterInputStream(super.openPart10()) {
                    private long read;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (read > 20_000) {
                            throw new IOException("simulated disk error");
                        }
                        int r = super.read(b, off, Math.min(len, 4096));
                        read += Math.max(0, r);
                        return r;
                    }
                };
            }
        };
        TestDelivery delivery = new TestDelivery(List.of(good.as(UID_ROOT + 1), notDicom, breaksMidway,
                good.as(UID_ROOT + 4)));
        DeliveryException e = deliveryFailure(d, delivery);
        assertThat(e.retryable()).as("a non-DICOM instance will never be sent").isFalse();
        assertThat(e.instancesDelivered()).isEqualTo(1);
        assertThat(delivery.resultOf(UID_ROOT + 2).detail()).contains("not a readable DICOM Part 10 stream");
        assertThat(delivery.resultOf(UID_ROOT + 3).detail()).contains("router's store").contains("simulated disk error");
        assertThat(delivery.resultOf(UID_ROOT + 4).success()).isTrue();
        assertThat(seen).containsExactlyInAnyOrder(UID_ROOT + 1, UID_ROOT + 4);
    }

    @Test
    void interruptionAbortsTheAssociationInUse() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        DicomServer scp = server(ScpConfig.builder().aeTitles(PEER), (s, in) -> {
            entered.countDown();
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DimseStatus.SUCCESS;
        });
        DicomDestination d = destination(PEER, scp.port(), Map.of("response_timeout_seconds", 60));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                d.deliver(new TestDelivery(instances(1, 2, 3)));
                outcome.set(new AssertionError("delivered"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(6);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        never.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!scp.activeAssociations().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(scp.activeAssociations()).as("the peer saw the association end").isEmpty();
        // the aborted association leaves the pool when its reader thread has seen the end
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (d.pool().openCount() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(d.pool().openCount()).as("associations still counted open by the pool").isZero();
    }
}
