package org.xnat.router.examples.dicomjson.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.health.HealthStatus;

class DicomJsonDestinationTest {

    @TempDir
    Path tmp;

    private Path root;

    @BeforeEach
    void setUp() {
        Pydicom.assumeAvailable();
        root = tmp.resolve("out");
    }

    private Destination destination(Map<String, Object> extra) throws Exception {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("path", root.toString());
        return new DicomJsonDestinationFactory().create(new ComponentConfig("json", "dicom-json", props));
    }

    private Path jsonOf(Path part10) throws Exception {
        return root.resolve(Pydicom.read(part10, "StudyInstanceUID"))
                .resolve(Pydicom.read(part10, "SeriesInstanceUID"))
                .resolve(Pydicom.read(part10, "SOPInstanceUID") + ".json");
    }

    private List<Path> filesUnder(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void nativeInstanceReadsBackEqualInPydicomWithPixelDataAsBulkFile() throws Exception {
        Path ct = Pydicom.corpus("CT_small.dcm");
        TestDelivery delivery = new TestDelivery(List.of(ct));
        try (Destination d = destination(Map.of())) {
            d.deliver(delivery);
        }
        Path json = jsonOf(ct);
        assertThat(json).isRegularFile();
        assertThat(Pydicom.differences(ct, json)).isEmpty();
        String text = Files.readString(json);
        assertThat(text).contains("\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"");
        Path pixels;
        try (Stream<Path> bulk = Files.list(json.resolveSibling(json.getFileName().toString().replace(".json", ".bulk")))) {
            pixels = bulk.filter(p -> p.getFileName().toString().endsWith("-7FE00010.bin")).findFirst().orElseThrow();
        }
        assertThat(Files.readAllBytes(pixels)).isEqualTo(Pydicom.rawValue(ct, "PixelData"));
        assertThat(delivery.results).singleElement().satisfies(r -> assertThat(r.success()).isTrue());
        assertThat(delivery.progress).hasSize(1);
        assertThat(delivery.progress.get(0)[0]).isEqualTo(1);
        assertThat(root.resolve(InstanceWriter.TMP_DIR)).isEmptyDirectory();
    }

    @Test
    void encapsulatedPixelDataKeepsEveryFragmentAndNamesTheTransferSyntax() throws Exception {
        Path jpeg = Pydicom.corpus("SC_rgb_jpeg_dcmtk.dcm");
        try (Destination d = destination(Map.of())) {
            d.deliver(new TestDelivery(List.of(jpeg)));
        }
        Path json = jsonOf(jpeg);
        assertThat(Pydicom.differences(jpeg, json)).isEmpty();
        assertThat(Files.readString(json)).contains("\"00083002\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.1.2.4.50\"]}");
        Path bulkDir = json.resolveSibling(json.getFileName().toString().replace(".json", ".bulk"));
        List<Path> pixel = filesUnder(bulkDir).stream().filter(p -> p.toString().endsWith("-7FE00010.bin")).toList();
        // pydicom holds encapsulated pixel data as the raw item stream of PS3.5 A.4
        assertThat(pixel).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(Pydicom.rawValue(jpeg, "PixelData")));
    }

    @Test
    void aHighThresholdKeepsEveryValueInline() throws Exception {
        Path ct = Pydicom.corpus("CT_small.dcm");
        try (Destination d = destination(Map.of("bulk_data_threshold", 16 * 1024 * 1024, "pretty", true))) {
            d.deliver(new TestDelivery(List.of(ct)));
        }
        Path json = jsonOf(ct);
        String text = Files.readString(json);
        assertThat(text).contains("\"InlineBinary\"").doesNotContain("BulkDataURI").contains("\n");
        assertThat(json.resolveSibling(json.getFileName().toString().replace(".json", ".bulk"))).doesNotExist();
        assertThat(Pydicom.differences(ct, json)).isEmpty();
    }

    @Test
    void bigEndianValuesAreWrittenLittleEndian() throws Exception {
        Path be = Pydicom.corpus("MR_small_bigendian.dcm");
        try (Destination d = destination(Map.of())) {
            d.deliver(new TestDelivery(List.of(be)));
        }
        Path json = jsonOf(be);
        assertThat(Pydicom.differences(be, json)).isEmpty();
    }

    @Test
    void redeliveryReplacesTheOutput() throws Exception {
        Path ct = Pydicom.corpus("CT_small.dcm");
        try (Destination d = destination(Map.of())) {
            d.deliver(new TestDelivery(List.of(ct)));
            Path json = jsonOf(ct);
            Files.writeString(json, "stale");
            d.deliver(new TestDelivery(List.of(ct)));
            assertThat(Pydicom.differences(ct, json)).isEmpty();
        }
        assertThat(filesUnder(root).stream().filter(p -> p.toString().endsWith(".json"))).hasSize(1);
    }

    @Test
    void hostileUidsStayInsideTheOutputDirectory() throws Exception {
        Path evil = tmp.resolve("evil.dcm");
        Pydicom.rewrite(Pydicom.corpus("CT_small.dcm"), evil,
                "ds.StudyInstanceUID='../../escaped'\nds.SOPInstanceUID='/etc/passwd'");
        try (Destination d = destination(Map.of())) {
            d.deliver(new TestDelivery(List.of(evil)));
        }
        List<Path> written = filesUnder(tmp);
        assertThat(written).allMatch(p -> p.startsWith(root) || p.equals(evil));
        assertThat(written.stream().filter(p -> p.toString().endsWith(".json")))
                .singleElement().satisfies(p -> assertThat(p.getFileName().toString()).matches("x[0-9a-f]{32}\\.json"));
    }

    @Test
    void unreadableInstanceFailsNotRetryableCountingWhatWasWritten() throws Exception {
        Path truncated = tmp.resolve("truncated.dcm");
        byte[] bytes = Files.readAllBytes(Pydicom.corpus("CT_small.dcm"));
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 2000));
        TestDelivery delivery = new TestDelivery(List.of(Pydicom.corpus("CT_small.dcm"), truncated));
        try (Destination d = destination(Map.of())) {
            assertThatThrownBy(() -> d.deliver(delivery))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.instancesDelivered()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("truncated.dcm");
                    });
        }
        assertThat(delivery.results).extracting(r -> r.success()).containsExactly(true, false);
        assertThat(root.resolve(InstanceWriter.TMP_DIR)).isEmptyDirectory();
    }

    @Test
    void unwritableRootIsRetryableAndReportedDown() throws Exception {
        Files.writeString(root, "a file where the directory should be");
        try (Destination d = destination(Map.of())) {
            assertThat(d.check().status()).isEqualTo(HealthStatus.DOWN);
            assertThatThrownBy(() -> d.deliver(new TestDelivery(List.of(Pydicom.corpus("CT_small.dcm")))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.instancesDelivered()).isZero();
                    });
        }
    }

    @Test
    void healthUpWhenWritable() throws Exception {
        try (Destination d = destination(Map.of())) {
            assertThat(d.check().status()).isEqualTo(HealthStatus.UP);
        }
    }

    @Test
    void interruptedDeliveryStops() throws Exception {
        try (Destination d = destination(Map.of())) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> d.deliver(new TestDelivery(List.of(Pydicom.corpus("CT_small.dcm")))))
                        .isInstanceOf(InterruptedException.class);
            } finally {
                Thread.interrupted();
            }
        }
        assertThat(root.resolve("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322")).doesNotExist();
    }
}
