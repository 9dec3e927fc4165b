package org.xnat.router.examples.dicomjson.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;

class DicomJsonConfigTest {

    private static ComponentConfig config(Map<String, Object> props) {
        return new ComponentConfig("json", "dicom-json", props);
    }

    @Test
    void defaults() throws Exception {
        DicomJsonConfig c = DicomJsonConfig.parse(config(Map.of("path", "out/json")));
        assertThat(c.root()).isEqualTo(Path.of("out/json").toAbsolutePath().normalize());
        assertThat(c.bulkDataThreshold()).isEqualTo(1024);
        assertThat(c.pretty()).isFalse();
        assertThat(c.name()).isEqualTo("json");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> DicomJsonConfig.parse(config(Map.of("bulk_data_threshold", "lots", "pretty", "maybe"))))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::field).containsExactly("path", "bulk_data_threshold", "pretty"));
    }

    @Test
    void thresholdOutOfRange() {
        assertThatThrownBy(() -> DicomJsonConfig.parse(config(Map.of("path", "/x", "bulk_data_threshold", -1))))
                .hasMessageContaining("bulk_data_threshold: must be between 0 and 16777216 bytes, got -1");
    }

    @Test
    void factoryValidatesTheSameWay() {
        assertThatThrownBy(() -> new DicomJsonDestinationFactory().validate(config(Map.of())))
                .hasMessageContaining("path: is required for type 'dicom-json'");
        assertThat(new DicomJsonDestinationFactory().type()).isEqualTo("dicom-json");
    }
}
