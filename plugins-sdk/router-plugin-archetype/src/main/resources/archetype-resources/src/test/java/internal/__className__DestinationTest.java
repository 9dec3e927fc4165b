package ${package}.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.InstanceResult;
import org.xnat.router.api.health.HealthStatus;

class ${className}DestinationTest {

    @TempDir
    Path tmp;

    private static ComponentConfig config(Map<String, Object> properties) {
        return new ComponentConfig("copy", ${className}DestinationFactory.TYPE, properties);
    }

    /** An instance as the router's queue hands it over; the bytes stand in for a Part 10 stream. */
    static DeliveryInstance instance(String sopInstanceUid, byte[] part10) {
        return new DeliveryInstance() {
            @Override
            public String sopClassUid() {
                return "1.2.840.10008.5.1.4.1.1.7";
            }

            @Override
            public String sopInstanceUid() {
                return sopInstanceUid;
            }

            @Override
            public String transferSyntaxUid() {
                return "1.2.840.10008.1.2.1";
            }

            @Override
            public long size() {
                return part10.length;
            }

            @Override
            public InputStream openPart10() {
                return new ByteArrayInputStream(part10);
            }
        };
    }

    static final class RecordingDelivery implements Delivery {
        final List<InstanceResult> results = new ArrayList<>();
        private final List<DeliveryInstance> instances;

        RecordingDelivery(List<DeliveryInstance> instances) {
            this.instances = instances;
        }

        @Override
        public long transferId() {
            return 1;
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
        public void progress(int instancesDone, long bytesDone) {
        }

        @Override
        public synchronized void instanceResult(InstanceResult result) {
            results.add(result);
        }
    }

    @Test
    void writesEveryInstanceUnderItsUid() throws Exception {
        byte[] a = "first instance".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second instance".getBytes(StandardCharsets.US_ASCII);
        RecordingDelivery delivery = new RecordingDelivery(List.of(instance("1.2.3.1", a), instance("1.2.3.2", b)));
        try (Destination d = new ${className}DestinationFactory().create(config(Map.of("directory", tmp.toString())))) {
            d.deliver(delivery);
        }
        assertThat(tmp.resolve("1.2.3.1.dcm")).hasBinaryContent(a);
        assertThat(tmp.resolve("1.2.3.2.dcm")).hasBinaryContent(b);
        assertThat(delivery.results).extracting(InstanceResult::success).containsExactly(true, true);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1.2.3.1.dcm", "1.2.3.2.dcm");
        }
    }

    @Test
    void aHostileUidIsRefusedWithoutWriting() throws Exception {
        RecordingDelivery delivery = new RecordingDelivery(List.of(instance("../../etc/passwd", new byte[1])));
        try (Destination d = new ${className}DestinationFactory().create(config(Map.of("directory", tmp.resolve("out").toString())))) {
            assertThatThrownBy(() -> d.deliver(delivery)).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.retryable()).isFalse());
        }
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void anUnwritableDirectoryIsRetryableAndReportedDown() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        try (Destination d = new ${className}DestinationFactory().create(config(Map.of("directory", notADirectory.toString())))) {
            assertThat(d.check().status()).isEqualTo(HealthStatus.DOWN);
            assertThatThrownBy(() -> d.deliver(new RecordingDelivery(List.of(instance("1.2", new byte[1])))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
        }
    }

    @Test
    void aMissingDirectoryIsAConfigurationProblemNamingTheField() {
        assertThatThrownBy(() -> new ${className}DestinationFactory().validate(config(Map.of())))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::field).containsExactly("directory"));
    }
}
