package org.xnat.router.destination.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.InstanceResult;
import org.xnat.router.api.health.HealthStatus;

/** Deliveries to dcmtk's storescp, a real C-STORE SCP. */
class StorescpDeliveryTest {

    static final List<String> CORPUS = List.of("CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm", "rtplan.dcm");

    @TempDir
    Path work;

    @BeforeAll
    static void peers() {
        Pydicom.assumeAvailable();
        Storescp.assumeInstalled();
    }

    static DicomDestination destination(int port, Map<String, Object> extra) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("ae_title", Storescp.AE, "host", "127.0.0.1", "port", port,
                "calling_ae_title", "ROUTERTEST"));
        p.putAll(extra);
        return (DicomDestination) new DicomDestinationFactory().create(new ComponentConfig("pacs", "dicom", p));
    }

    static List<TestInstance> corpus(List<String> names) throws Exception {
        List<TestInstance> list = new java.util.ArrayList<>();
        for (String n : names) {
            list.add(TestInstance.of(Pydicom.corpus(n)));
        }
        return list;
    }

    @Test
    void deliversCorpusFilesUnchangedAndReportsEveryInstance() throws Exception {
        List<TestInstance> instances = corpus(CORPUS);
        try (Storescp scp = Storescp.start(work, "+xa");
                DicomDestination d = destination(scp.port, Map.of())) {
            TestDelivery delivery = new TestDelivery(instances);
            d.deliver(delivery);

            assertThat(delivery.results()).hasSize(instances.size());
            for (TestInstance i : instances) {
                InstanceResult r = delivery.resultOf(i.sopInstanceUid());
                assertThat(r.success()).as(i.toString()).isTrue();
                assertThat(r.status()).isZero();
                // +B: storescp wrote the data set exactly as it came off the wire
                assertThat(Storescp.datasetBytes(scp.received(i.sopInstanceUid())))
                        .as("data set of %s", i).isEqualTo(Storescp.datasetBytes(i.file));
                assertThat(Pydicom.uids(scp.received(i.sopInstanceUid())).get("TransferSyntaxUID"))
                        .isEqualTo(i.transferSyntaxUid());
            }
            assertThat(delivery.progress).isNotEmpty();
            assertThat(delivery.progress.get(delivery.progress.size() - 1)[0]).isEqualTo(instances.size());
            assertThat(d.check().status()).isEqualTo(HealthStatus.UP);
            assertThat(d.check().detail()).contains("C-ECHO").contains("ms");
        }
    }

    @Test
    void reusesOneAssociationAcrossDeliveriesAndReleasesItWhenIdle() throws Exception {
        List<TestInstance> instances = corpus(List.of("CT_small.dcm", "MR_small.dcm"));
        try (Storescp scp = Storescp.start(work);
                DicomDestination d = destination(scp.port, Map.of("max_associations", 1, "idle_timeout_seconds", 1))) {
            d.deliver(new TestDelivery(instances));
            d.deliver(new TestDelivery(instances.subList(0, 1)));
            assertThat(d.pool().openedTotal()).isEqualTo(1);
            assertThat(scp.associationsAccepted()).isEqualTo(1);
            assertThat(scp.receivedCount()).isEqualTo(2);

            // idle for more than idle_timeout_seconds: released (A-RELEASE), not aborted
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (d.pool().openCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(d.pool().openCount()).isZero();
            assertThat(d.pool().releasedTotal()).isEqualTo(1);
            Thread.sleep(300);
            assertThat(scp.log()).contains("Association Release").doesNotContain("Association Aborted");

            d.deliver(new TestDelivery(instances.subList(1, 2)));
            assertThat(d.pool().openedTotal()).isEqualTo(2);
        }
    }

    @Test
    void spreadsADeliveryOverMaxAssociationsAndKeepsThemForTheNext() throws Exception {
        TestInstance ct = TestInstance.of(Pydicom.corpus("CT_small.dcm"));
        List<TestInstance> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            many.add(ct.as("1.2.826.0.1.3680043.10.543." + i));
        }
        // --fork: one process per association (storescp serves one at a time otherwise); each store takes a second,
        // so the second association is open long before the first has sent everything
        try (Storescp scp = Storescp.start(work, "--fork", "--sleep-after", "1");
                DicomDestination d = destination(scp.port, Map.of("max_associations", 2))) {
            TestDelivery first = new TestDelivery(many.subList(0, 6));
            d.deliver(first);
            TestDelivery second = new TestDelivery(many.subList(6, 12));
            d.deliver(second);
            assertThat(first.results()).hasSize(6).allMatch(InstanceResult::success);
            assertThat(second.results()).hasSize(6).allMatch(InstanceResult::success);
            assertThat(d.pool().openedTotal()).isEqualTo(2);
            assertThat(scp.associationsAccepted()).isEqualTo(2);
            assertThat(d.pool().openCount()).isEqualTo(2);
            assertThat(scp.receivedCount()).isEqualTo(12);
        }
    }

    @Test
    void convertsToImplicitVrWhenThatIsAllThePeerAcceptsAndFailsACompressedInstanceAlone() throws Exception {
        List<TestInstance> instances = corpus(List.of("CT_small.dcm", "JPEG2000.dcm", "rtplan.dcm", "MR_small.dcm"));
        try (Storescp scp = Storescp.start(work, "+xi");
                DicomDestination d = destination(scp.port, Map.of())) {
            TestDelivery delivery = new TestDelivery(instances);
            assertThatThrownBy(() -> d.deliver(delivery))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.instancesDelivered()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("1 of 4 instances").contains(instances.get(1).sopInstanceUid())
                                .contains("JPEG 2000").contains("does not decompress");
                    });
            InstanceResult jpeg = delivery.resultOf(instances.get(1).sopInstanceUid());
            assertThat(jpeg.success()).isFalse();
            assertThat(jpeg.detail()).contains("not accepted").contains("Implicit VR Little Endian");
            for (TestInstance i : List.of(instances.get(0), instances.get(2), instances.get(3))) {
                assertThat(delivery.resultOf(i.sopInstanceUid()).success()).as(i.toString()).isTrue();
                Path got = scp.received(i.sopInstanceUid());
                assertThat(Pydicom.uids(got).get("TransferSyntaxUID")).isEqualTo("1.2.840.10008.1.2");
                assertThat(Pydicom.compareDatasets(i.file, got)).as(i.toString()).isEqualTo("same");
            }
            // rtplan was Implicit VR already: sent unchanged
            assertThat(Storescp.datasetBytes(scp.received(instances.get(2).sopInstanceUid())))
                    .isEqualTo(Storescp.datasetBytes(instances.get(2).file));
            assertThat(scp.receivedCount()).isEqualTo(3);
        }
    }
}
