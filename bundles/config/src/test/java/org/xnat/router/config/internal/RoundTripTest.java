package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Tag;
import org.xnat.router.config.DestinationConfig;
import org.xnat.router.config.FilterRule;
import org.xnat.router.config.LoadedConfig;
import org.xnat.router.config.MatchOperator;
import org.xnat.router.config.ResilienceConfig;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.RoutingRule;
import org.xnat.router.config.ScriptConfig;
import org.xnat.router.config.TagModification;
import org.xnat.router.config.ValidationRule;

/** {@code read(write(config))} equals {@code config}. */
class RoundTripTest {

    @Test
    void aRealisticFileRoundTrips() {
        RouterConfig original = Configs.read(Configs.resource("multi-route.yaml"), MultiRouteConfigTest.ENV).config();
        String written = Configs.write(original);
        LoadedConfig reread = Configs.read(written);

        assertThat(reread.config()).isEqualTo(original);
        assertThat(reread.warnings()).isEmpty();
        // tags are written as keywords; private and repeating-group tags as numbers
        assertThat(written).contains("tag: Modality", "tag: PatientName", "source_tag: PatientID",
                "tag: (0029,1010)", "tag: (6002,3000)", "tag: AccessionNumber");
        // without the references the resolved secret is written (the caller chose so)
        assertThat(written).contains("password: xnat-s3cret");
    }

    @Test
    void environmentReferencesAreWrittenBackInsteadOfSecrets() throws Exception {
        LoadedConfig loaded = Configs.read(Configs.resource("multi-route.yaml"), MultiRouteConfigTest.ENV);
        StringWriter out = new StringWriter();
        Configs.FILES.write(loaded.config(), loaded.environmentReferences(), out);
        String written = out.toString();

        assertThat(written).doesNotContain("xnat-s3cret").contains("password: ${XNAT_PASSWORD}",
                "path: ${ROUTER_DATA:-./data}/archive", "port: ${QA_PORT:-11115}");
        assertThat(Configs.read(written, MultiRouteConfigTest.ENV).config()).isEqualTo(loaded.config());
    }

    @Test
    void aChangedValueIsWrittenEvenIfItCameFromTheEnvironment() throws Exception {
        LoadedConfig loaded = Configs.read(Configs.resource("multi-route.yaml"), MultiRouteConfigTest.ENV);
        RouterConfig c = loaded.config();
        RouteConfig qa = c.routes().get(2);
        RouteConfig moved = new RouteConfig(qa.aeTitle(), 11199, qa.description(), qa.enabled(),
                qa.studyTimeoutSeconds(), qa.workerThreads(), qa.maxConcurrentTransfers(), qa.autoImport(),
                qa.allowedCallingAes(), qa.destinations(), qa.routingRules(), qa.filters(), qa.validationRules(),
                qa.tagModifications());
        RouterConfig changed = new RouterConfig(c.dataDirectory(), c.scriptsDirectory(), c.resilience(),
                c.destinations(), List.of(c.routes().get(0), c.routes().get(1), moved), c.honestBrokers(), c.scripts());
        StringWriter out = new StringWriter();
        Configs.FILES.write(changed, loaded.environmentReferences(), out);

        assertThat(out.toString()).contains("port: 11199").doesNotContain("QA_PORT");
        assertThat(Configs.read(out.toString(), MultiRouteConfigTest.ENV).config()).isEqualTo(changed);
    }

    @Test
    void aConfigurationBuiltInCodeRoundTrips() {
        RouterConfig config = new RouterConfig(null, null, new ResilienceConfig(0, 0, 1),
                Map.of("weird", new DestinationConfig("weird", "custom-type", "needs: quoting # here", true,
                        Map.of("number_text", "0104", "looks_bool", "yes", "ratio", 0.25, "big", 1e12,
                                "empty", "", "multi", "line one\nline two\n", "nested", List.of(Map.of("a", 1))))),
                List.of(new RouteConfig("AE ONE", 4242, "", false, 1, 1, 1, true, List.of("X"),
                        List.of(RouteDestination.to("weird")),
                        List.of(new RoutingRule(null, null, Tag.Modality, MatchOperator.EQUALS, "true", List.of(),
                                List.of("weird"))),
                        List.of(new FilterRule("f", "d", 0x00091001, MatchOperator.IN, null, List.of("1", "null"),
                                FilterRule.Action.INCLUDE)),
                        List.of(new ValidationRule(null, null, ValidationRule.Type.MODALITY_CHECK, null, null, null,
                                List.of("MR"), null, null, ValidationRule.OnFailure.LOG)),
                        List.of(new TagModification(null, null, Tag.PatientName, TagModification.Action.SET, "",
                                null, null, null, null)))),
                Map.of(), Map.of("s", new ScriptConfig("s", Map.of("content", "a: b\n"))));

        String written = Configs.write(config);
        assertThat(Configs.read(written).config()).isEqualTo(config);
    }
}
