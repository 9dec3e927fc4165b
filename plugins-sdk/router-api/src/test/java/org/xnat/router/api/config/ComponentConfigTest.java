package org.xnat.router.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ComponentConfigTest {

    private final ComponentConfig config = new ComponentConfig("pacs", "dicom",
            Map.of("ae_title", "PACS", "port", "104", "tls", true, "bad_port", "10x4"));

    @Test
    void typedGettersConvertAndDefault() throws Exception {
        assertThat(config.getInt("port", 0)).isEqualTo(104);
        assertThat(config.getInt("missing", 11112)).isEqualTo(11112);
        assertThat(config.getBoolean("tls", false)).isTrue();
        assertThat(config.require("ae_title")).isEqualTo("PACS");
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> config.getInt("bad_port", 0))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).problems())
                        .containsExactly(ConfigProblem.of("bad_port", "must be a whole number, got '10x4'")));
        assertThatThrownBy(() -> config.require("host")).hasMessage("host: is required for type 'dicom'");
    }

    @Test
    void propertiesAreACopy() {
        java.util.HashMap<String, Object> source = new java.util.HashMap<>(Map.of("a", "1"));
        ComponentConfig c = new ComponentConfig("n", "t", source);
        source.put("a", "2");
        assertThat(c.getString("a", null)).isEqualTo("1");
    }
}
