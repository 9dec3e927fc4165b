package org.xnat.router.destination.file.internal;

import org.xnat.router.testing.Pydicom;
import org.xnat.router.testing.TestInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.health.HealthStatus;

/** Delivers real Part 10 files from pydicom's corpus and checks the tree on disk. */
class FileDestinationTest {

    private static final String[] KEYS = {"PatientID", "StudyDate", "Modality", "StudyInstanceUID",
            "SeriesInstanceUID", "SOPInstanceUID"};

    @TempDir
    Path base;
    Path root;

    @BeforeAll
    static void pydicom() {
        Pydicom.assumeAvailable();
    }

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createDirectory(base.resolve("root"));
    }

    private Destination destination(String pattern) throws Exception {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("path", root.toString());
        if (pattern != null) {
            props.put("directory_pattern", pattern);
        }
        return new FileDestinationFactory().create(new ComponentConfig("archive", "file", props));
    }

    private static TestInstance instance(Path file) throws Exception {
        return TestInstance.of(file, Pydicom.read(file, "SOPInstanceUID").get("SOPInstanceUID"));
    }

    @Test
    void writesEachInstanceUnderPatternSeriesAndSopInstanceUid() throws Exception {
        Path ct = Pydicom.corpus("CT_small.dcm");
        Path mr = Pydicom.corpus("MR_small.dcm");
        Map<String, String> ctValues = Pydicom.read(ct, KEYS);
        Map<String, String> mrValues = Pydicom.read(mr, KEYS);
        TestDelivery delivery = new TestDelivery(ctValues.get("StudyInstanceUID"), "MODALITY1",
                List.of(instance(ct), instance(mr)));

        try (Destination d = destination("{PatientID}/{StudyDate}_{Modality}/{CallingAE}")) {
            d.deliver(delivery);
        }

        // study-level values come from the first instance: both land in the CT study directory
        Path study = root.resolve(ctValues.get("PatientID"))
                .resolve(ctValues.get("StudyDate") + "_" + ctValues.get("Modality")).resolve("MODALITY1");
        Path ctFile = study.resolve(ctValues.get("SeriesInstanceUID")).resolve(ctValues.get("SOPInstanceUID") + ".dcm");
        Path mrFile = study.resolve(mrValues.get("SeriesInstanceUID")).resolve(mrValues.get("SOPInstanceUID") + ".dcm");
        assertThat(ctFile).exists().hasSameBinaryContentAs(ct);
        assertThat(mrFile).exists().hasSameBinaryContentAs(mr);
        assertThat(regularFiles(root)).containsExactlyInAnyOrder(ctFile, mrFile);
        assertThat(delivery.progress).hasSize(2);
        assertThat(delivery.progress.get(0)).containsExactly(1, Files.size(ct));
        assertThat(delivery.progress.get(1)).containsExactly(2, Files.size(ct) + Files.size(mr));
    }

    @Test
    void defaultPatternIsPatientIdThenStudyInstanceUid() throws Exception {
        Path file = Pydicom.corpus("rtplan.dcm");
        Map<String, String> v = Pydicom.read(file, KEYS);
        try (Destination d = destination(null)) {
            d.deliver(new TestDelivery(v.get("StudyInstanceUID"), null, List.of(instance(file))));
        }
        assertThat(root.resolve(v.get("PatientID")).resolve(v.get("StudyInstanceUID"))
                .resolve(v.get("SeriesInstanceUID")).resolve(v.get("SOPInstanceUID") + ".dcm"))
                .hasSameBinaryContentAs(file);
    }

    @Test
    void missingValuesBecomeUnknownAndPatientNameKeepsComponentsWithUnderscores() throws Exception {
        Path file = Pydicom.corpus("rtplan.dcm"); // no Accession Number; name Last^First^mid^pre
        Map<String, String> v = Pydicom.read(file, KEYS);
        try (Destination d = destination("{PatientName}/{AccessionNumber}-{CallingAE}")) {
            d.deliver(new TestDelivery(v.get("StudyInstanceUID"), null, List.of(instance(file))));
        }
        String name = Pydicom.read(file, "PatientName").get("PatientName").replace('^', '_');
        assertThat(root.resolve(name).resolve("UNKNOWN-UNKNOWN").resolve(v.get("SeriesInstanceUID"))
                .resolve(v.get("SOPInstanceUID") + ".dcm")).hasSameBinaryContentAs(file);
    }

    @Test
    void concurrentDeliveriesOfOneStudyShareItsDirectories() throws Exception {
        Path ct = Pydicom.corpus("CT_small.dcm");
        Map<String, String> v = Pydicom.read(ct, KEYS);
        int threads = 4;
        int perThread = 5;
        List<java.util.concurrent.Future<?>> results = new java.util.ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try (Destination d = destination("{PatientID}/{StudyInstanceUID}")) {
            for (int t = 0; t < threads; t++) {
                List<DeliveryInstance> batch = new java.util.ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    batch.add(TestInstance.of(ct, "1.2.826.0.1." + t + "." + i));
                }
                TestDelivery delivery = new TestDelivery(v.get("StudyInstanceUID"), null, batch);
                results.add(pool.submit(() -> {
                    d.deliver(delivery);
                    return null;
                }));
            }
            for (var r : results) {
                r.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Path series = root.resolve(v.get("PatientID")).resolve(v.get("StudyInstanceUID"))
                .resolve(v.get("SeriesInstanceUID"));
        assertThat(regularFiles(root)).hasSize(threads * perThread).allSatisfy(p -> {
            assertThat(p.getParent()).isEqualTo(series);
            assertThat(p).hasSameBinaryContentAs(ct);
        });
        assertThat(root.resolve(FileDestination.TMP_DIR)).isEmptyDirectory();
    }

    @Test
    void resendingAnInstanceReplacesTheFile() throws Exception {
        Path file = Pydicom.corpus("CT_small.dcm");
        Map<String, String> v = Pydicom.read(file, KEYS);
        try (Destination d = destination("{PatientID}")) {
            d.deliver(new TestDelivery(v.get("StudyInstanceUID"), null, List.of(instance(file))));
            d.deliver(new TestDelivery(v.get("StudyInstanceUID"), null, List.of(instance(file))));
        }
        assertThat(regularFiles(root)).hasSize(1);
        assertThat(regularFiles(root).get(0)).hasSameBinaryContentAs(file);
    }

    @Test
    void sourceFailingMidwayLeavesEarlierInstancesAndNoTemporaryFile() throws Exception {
        Path ct = Pydicom.corpus("CT_small.dcm");
        Path mr = Pydicom.corpus("MR_small.dcm");
        Map<String, String> ctValues = Pydicom.read(ct, KEYS);
        List<DeliveryInstance> instances = List.of(instance(ct),
                TestInstance.failingAfter(mr, Pydicom.read(mr, "SOPInstanceUID").get("SOPInstanceUID"), Files.size(mr) / 2));
        TestDelivery delivery = new TestDelivery(ctValues.get("StudyInstanceUID"), null, instances);

        try (Destination d = destination("{PatientID}")) {
            assertThatThrownBy(() -> d.deliver(delivery))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.instancesDelivered()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("simulated read failure")
                                .contains(instances.get(1).sopInstanceUid());
                    });
        }
        assertThat(regularFiles(root)).containsExactly(root.resolve(ctValues.get("PatientID"))
                .resolve(ctValues.get("SeriesInstanceUID")).resolve(ctValues.get("SOPInstanceUID") + ".dcm"));
        assertThat(root.resolve(FileDestination.TMP_DIR)).isEmptyDirectory();
    }

    @Test
    void notDicomIsRefusedAsNotRetryableWithoutLeftovers() throws Exception {
        Path junk = Files.writeString(base.resolve("junk.dcm"), "this is not DICOM at all, only text.\n".repeat(10));
        try (Destination d = destination(null)) {
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2.3", null, List.of(TestInstance.of(junk, "1.2.3.4")))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.instancesDelivered()).isZero();
                        assertThat(e.getMessage()).contains("1.2.3.4");
                    });
        }
        assertThat(regularFiles(root)).isEmpty();
    }

    @Test
    void hostileValuesStayInsidePath() throws Exception {
        Path hostile = base.resolve("hostile.dcm");
        Map<String, String> set = new LinkedHashMap<>();
        set.put("PatientID", "'../../etc'");
        set.put("PatientName", "'/abs'");
        set.put("StudyDescription", "'a\\x00b/../..'");
        set.put("AccessionNumber", "'..'");
        set.put("Modality", "'.'");
        set.put("SeriesInstanceUID", "'../../../../tmp/x'");
        Pydicom.rewrite(Pydicom.corpus("CT_small.dcm"), hostile, set);

        try (Destination d = destination("{PatientID}/{PatientName}/{StudyDescription}/{AccessionNumber}{Modality}")) {
            d.deliver(new TestDelivery("/etc/passwd", "..\\..\\", List.of(TestInstance.of(hostile, "../../evil"))));
            d.deliver(new TestDelivery("1.2", "A\u0000B", List.of(TestInstance.of(hostile, "/abs/evil"))));
        }

        // nothing outside root, and no path element is relative, hidden or has a control character
        try (Stream<Path> all = Files.walk(base)) {
            assertThat(all.filter(Files::isRegularFile)).allSatisfy(p -> assertThat(p.startsWith(root)
                    || p.equals(hostile)).isTrue());
        }
        List<Path> written = regularFiles(root);
        assertThat(written).hasSize(2);
        for (Path p : written) {
            for (Path element : root.relativize(p)) {
                String name = element.toString();
                assertThat(name).isNotIn(".", "..").doesNotStartWith(".").doesNotContain("/", "\\", "\u0000");
            }
            assertThat(root.relativize(p).getNameCount()).isEqualTo(4 + 2);
            assertThat(p).hasSameBinaryContentAs(hostile);
        }
        assertThat(written.get(0).getName(root.getNameCount()).toString()).isEqualTo("___.._etc");
        assertThat(written.get(0).getName(root.getNameCount() + 1).toString()).isEqualTo("_abs");
    }

    @Test
    void missingRootIsCreatedByDefault() throws Exception {
        Path file = Pydicom.corpus("CT_small.dcm");
        Files.delete(root);
        root = root.resolve("sub/dir");
        try (Destination d = destination("{PatientID}")) {
            assertThat(d.check().status()).isEqualTo(HealthStatus.UP);
            assertThat(root).doesNotExist(); // the health check does not create it
            d.deliver(new TestDelivery("1.2", null, List.of(instance(file))));
        }
        assertThat(regularFiles(root)).singleElement().satisfies(p -> assertThat(p).hasSameBinaryContentAs(file));
    }

    @Test
    void withCreatePathFalseAMissingRootIsRetryableAndIsNotCreated() throws Exception {
        Path file = Pydicom.corpus("CT_small.dcm");
        Files.delete(root);
        try (Destination d = new FileDestinationFactory().create(new ComponentConfig("share", "file",
                Map.of("path", root.toString(), "create_path", false)))) {
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", null, List.of(instance(file)))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains(root.toString()).contains("does not exist");
                    });
        }
        assertThat(root).doesNotExist();
    }

    @Test
    void interruptedBeforeAnInstanceStopsWithoutWriting() throws Exception {
        Path file = Pydicom.corpus("CT_small.dcm");
        try (Destination d = destination(null)) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", null, List.of(instance(file)))))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(regularFiles(root)).isEmpty();
    }

    @Test
    void healthSaysUpDegradedOrDown() throws Exception {
        try (Destination d = destination(null)) {
            assertThat(d.check().status()).isEqualTo(HealthStatus.UP);
            assertThat(d.check().detail()).contains("MB free");
        }
        Map<String, Object> props = Map.of("path", root.toString(), "min_free_mb", Integer.MAX_VALUE);
        try (Destination d = new FileDestinationFactory().create(new ComponentConfig("big", "file", props))) {
            assertThat(d.check().status()).isEqualTo(HealthStatus.DEGRADED);
        }
        Path notDir = Files.writeString(base.resolve("file"), "x");
        try (Destination d = new FileDestinationFactory().create(
                new ComponentConfig("f", "file", Map.of("path", notDir.toString())))) {
            assertThat(d.check().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(d.check().detail()).contains("not a directory");
        }
        Files.delete(root.resolve(FileDestination.TMP_DIR)); // made by the write probe
        Files.delete(root);
        try (Destination d = new FileDestinationFactory().create(new ComponentConfig("share", "file",
                Map.of("path", root.toString(), "create_path", "false")))) {
            assertThat(d.check().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(d.check().detail()).contains("does not exist");
        }
        assertThat(root).doesNotExist();
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
