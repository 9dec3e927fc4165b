package org.xnat.router.plugins.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class PluginInventoryTest {

    private static Map<String, Object> service(String objectClass, Object... keyValues) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("objectClass", new String[] {objectClass});
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static final String API_IMPORT = "org.xnat.dicom.data;version=\"[1.0,2)\",org.xnat.router.api.destination;version=\"[1.0,2)\"";

    @Test
    void aDeployedDestinationPluginShowsItsTypeStateAndSource() {
        BundleFacts plugin = new BundleFacts(162, "org.example.s3", "1.2.0", Bundle.ACTIVE,
                "file:/opt/router/deploy/s3-destination.jar", API_IMPORT,
                List.of(service("org.xnat.router.api.destination.DestinationFactory", "router.destination.type", "s3",
                        "router.destination.delivery", "study"),
                        service("org.xnat.router.api.health.HealthIndicator")),
                new BundleFacts.Components(2, 2, List.of()));

        assertThat(PluginInventory.describe(List.of(plugin), false)).singleElement().satisfies(p -> {
            assertThat(p.bundleId()).isEqualTo(162);
            assertThat(p.state()).isEqualTo("ACTIVE");
            assertThat(p.extensions()).containsExactly("destination:s3 (per study)", "health-indicator");
            assertThat(p.components()).isEqualTo("2/2");
            assertThat(p.source()).isEqualTo("deploy/s3-destination.jar");
            assertThat(p.problem()).isEmpty();
        });
    }

    @Test
    void everyExtensionKindIsNamed() {
        BundleFacts b = new BundleFacts(5, "x", "1", Bundle.ACTIVE, "mvn:org.example/x/1", API_IMPORT, List.of(
                service("org.xnat.router.api.filter.RouteFilterFactory", "router.filter.type", "modality"),
                service("org.xnat.router.api.processor.DatasetProcessorFactory", "router.processor.type", "dicomedit"),
                service("org.xnat.router.api.transfer.TransferListener"),
                service("org.xnat.router.api.destination.DestinationFactory", "router.destination.type", "file")), null);
        assertThat(PluginInventory.describe(List.of(b), false).get(0).extensions())
                .containsExactly("filter:modality", "processor:dicomedit", "transfer-listener", "destination:file");
        assertThat(PluginInventory.describe(List.of(b), false).get(0).source()).isEqualTo("mvn:org.example/x/1");
    }

    @Test
    void aPluginThatDidNotResolveIsListedWithWhy() {
        BundleFacts broken = new BundleFacts(170, "org.example.broken", "0.1", Bundle.INSTALLED,
                "file:/opt/router/deploy/broken.jar", API_IMPORT, List.of(), null);
        assertThat(PluginInventory.describe(List.of(broken), false)).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo("INSTALLED");
            assertThat(p.extensions()).isEmpty();
            assertThat(p.problem()).contains("not resolved").contains("bundle:diag 170");
        });
    }

    @Test
    void unsatisfiedComponentsAreTheProblem() {
        BundleFacts b = new BundleFacts(9, "org.example.half", "1", Bundle.ACTIVE, "mvn:x", API_IMPORT,
                List.of(service("org.xnat.router.api.destination.DestinationFactory", "router.destination.type", "a")),
                new BundleFacts.Components(2, 1, List.of("org.example.B unsatisfied: missing dataSource")));
        PluginInfo p = PluginInventory.describe(List.of(b), false).get(0);
        assertThat(p.components()).isEqualTo("1/2");
        assertThat(p.problem()).isEqualTo("org.example.B unsatisfied: missing dataSource");
    }

    @Test
    void bundlesThatNeitherContributeNorUseTheApiAreLeftOut_andTheApiItself() {
        BundleFacts jackson = new BundleFacts(30, "com.fasterxml.jackson.core", "2.14", Bundle.ACTIVE, "mvn:j",
                "javax.xml", List.of(service("java.lang.Object")), null);
        BundleFacts api = new BundleFacts(40, "org.xnat.router.api", "1", Bundle.ACTIVE, "mvn:a", "org.xnat.router.api.health", List.of(), null);
        BundleFacts consumer = new BundleFacts(50, "org.xnat.router.rest.core", "1", Bundle.ACTIVE, "mvn:r",
                "org.xnat.router.api.health;version=\"[1.0,2)\"", List.of(), null);
        BundleFacts lookalike = new BundleFacts(60, "org.example.apix", "1", Bundle.RESOLVED, "mvn:l",
                "org.xnat.router.apix.foo", List.of(), null);
        assertThat(PluginInventory.describe(List.of(jackson, api, consumer, lookalike), false)).isEmpty();
        assertThat(PluginInventory.describe(List.of(jackson, api, consumer, lookalike), true))
                .extracting(PluginInfo::symbolicName).containsExactly("org.xnat.router.rest.core");
    }

    @Test
    void sortedByBundleId() {
        BundleFacts b2 = new BundleFacts(20, "b", "1", Bundle.ACTIVE, "", API_IMPORT,
                List.of(service("org.xnat.router.api.transfer.TransferListener")), null);
        BundleFacts b1 = new BundleFacts(10, "a", "1", Bundle.ACTIVE, "", API_IMPORT,
                List.of(service("org.xnat.router.api.transfer.TransferListener")), null);
        assertThat(PluginInventory.describe(List.of(b2, b1), false)).extracting(PluginInfo::bundleId).containsExactly(10L, 20L);
    }
}
