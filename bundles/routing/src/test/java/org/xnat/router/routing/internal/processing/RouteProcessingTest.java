package org.xnat.router.routing.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.internal.YamlConfigFiles;
import org.xnat.router.routing.RouteProcessing.ProcessingChain;

class RouteProcessingTest {

    private static RouterConfig config() throws Exception {
        String yaml = """
                honest_brokers:
                  hb:
                    naming_scheme: sequential
                  off:
                    enabled: false
                destinations:
                  d:
                    type: file
                    path: /tmp/x
                  e:
                    type: file
                    path: /tmp/y
                routes:
                  - ae_title: ROUTE_A
                    port: 1
                    tag_modifications:
                      - tag: "(0008,1030)"
                        action: set
                        value: CHANGED
                      - tag: "(0008,0080)"
                        action: remove
                        condition: "Modality == CT"
                    destinations:
                      - destination: d
                        anon_script: minimal
                        use_honest_broker: true
                        honest_broker: hb
                        project_id: P1
                  - ae_title: ROUTE_B
                    port: 2
                    destinations:
                      - destination: d
                        anonymize: true
                        use_honest_broker: true
                        honest_broker: off
                """;
        return new YamlConfigFiles().read(yaml, "t.yaml", Map.of()).config();
    }

    @Test
    void theChainIsTheDeliveryWorkersOwn() throws Exception {
        RouterConfig c = config();
        RouteProcessingComponent rp = new RouteProcessingComponent();
        ProcessingChain chain = rp.chain(c, " route_a ", "d");
        assertThat(chain.routeAeTitle()).isEqualTo("ROUTE_A");
        assertThat(chain.tagModificationCount()).as("the conditional one is never applied").isEqualTo(1);
        assertThat(chain.deidentification()).extracting(ComponentConfig::type).containsExactly("honest-broker", "dicomedit");
        assertThat(chain.deidentification().get(0).properties()).containsEntry("labels_only", true);
        assertThat(chain.variables()).containsExactly(Map.entry("project", "P1"));
        Attributes ds = new Attributes();
        ds.setString(Tag.StudyDescription, VR.LO, "original");
        chain.tagModifications().process(ds, null);
        assertThat(ds.getString(Tag.StudyDescription)).isEqualTo("CHANGED");

        ProcessingChain byRule = rp.chain(c, "ROUTE_A", "e");
        assertThat(byRule.deidentification()).as("a destination reached through a rule only: no de-identification")
                .isEmpty();
        assertThat(byRule.tagModifications()).isNotNull();

        assertThat(rp.chain(c, "ROUTE_B", "e").tagModifications()).isNull();
        assertThatThrownBy(() -> rp.chain(c, "ROUTE_B", "d")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("honest broker 'off' is disabled");
        assertThatThrownBy(() -> rp.chain(c, "NOPE", "d")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("NOPE");
        assertThatThrownBy(() -> rp.chain(c, "ROUTE_A", "nope")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("nope");
    }
}
