package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Tag;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.config.DestinationConfig;
import org.xnat.router.config.FilterRule;
import org.xnat.router.config.HonestBrokerConfig;
import org.xnat.router.config.LoadedConfig;
import org.xnat.router.config.MatchOperator;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.TagModification;
import org.xnat.router.config.ValidationRule;

/** A realistic site configuration: three routes, every destination type, every rule kind. */
class MultiRouteConfigTest {

    static final Map<String, String> ENV = Map.of("XNAT_PASSWORD", "xnat-s3cret", "ROUTER_DATA", "/srv/router");

    private static RouterConfig config() {
        LoadedConfig loaded = Configs.read(Configs.resource("multi-route.yaml"), ENV);
        assertThat(loaded.warnings()).isEmpty();
        return loaded.config();
    }

    @Test
    void topLevelSettings() {
        RouterConfig c = config();
        assertThat(c.dataDirectory()).isEqualTo("/srv/router");
        assertThat(c.scriptsDirectory()).isEqualTo("/srv/router/scripts");
        assertThat(c.resilience().maxRetries()).isEqualTo(5);
        assertThat(c.resilience().retryDelaySeconds()).isEqualTo(120);
        assertThat(c.resilience().retentionDays()).isEqualTo(14);
        assertThat(c.routes()).extracting(RouteConfig::aeTitle).containsExactly("MRI_RESEARCH", "CT_CLINICAL", "QA");
        assertThat(c.routeOnPort(11115)).get().extracting(RouteConfig::aeTitle).isEqualTo("QA");
        assertThat(c.routeForAeTitle("ct_clinical")).get().extracting(RouteConfig::port).isEqualTo(11114);
    }

    @Test
    void destinationsOfEveryTypeBecomeComponentConfigs() {
        RouterConfig c = config();
        assertThat(c.destinations()).containsOnlyKeys("xnat-prod", "pacs", "pacs-test", "archive", "cloud");

        ComponentConfig xnat = c.destinations().get("xnat-prod").toComponentConfig();
        assertThat(xnat.type()).isEqualTo("xnat");
        assertThat(xnat.properties()).isEqualTo(Map.of("url", "https://xnat.example.org",
                "username", "router", "password", "xnat-s3cret", "timeout", 120));

        DestinationConfig pacs = c.destinations().get("pacs");
        assertThat(pacs.type()).isEqualTo("dicom");
        assertThat(pacs.properties()).containsEntry("port", 104).containsEntry("calling_ae_title", "ROUTER_OUT");
        DestinationConfig test = c.destinations().get("pacs-test");
        assertThat(test.enabled()).isFalse();
        assertThat(test.properties()).containsEntry("port", 11113);

        assertThat(c.destinations().get("archive").properties()).containsEntry("path", "/srv/router/archive");

        DestinationConfig cloud = c.destinations().get("cloud");
        assertThat(cloud.type()).isEqualTo("s3");
        assertThat(cloud.isBuiltInType()).isFalse();
        assertThat(cloud.description()).isEqualTo("Cold storage");
        assertThat(cloud.properties()).containsEntry("bucket", "imaging-archive")
                .containsEntry("part_size_mb", 16)
                .containsEntry("tags", List.of("research", "cold"))
                .containsEntry("encryption", Map.of("kind", "sse-kms", "key_id", "alias/router"));
    }

    @Test
    void honestBrokersAndScriptsAreKept() {
        RouterConfig c = config();
        HonestBrokerConfig broker = c.honestBrokers().get("research-broker");
        assertThat(broker.type()).isEqualTo("remote");
        assertThat(broker.properties()).containsEntry("api_host", "broker.example.org")
                .containsEntry("password", "changeit").containsEntry("cache_ttl_seconds", 3600)
                .doesNotContainKey("broker_type");
        assertThat(c.honestBrokers().get("local").type()).isEqualTo(HonestBrokerConfig.DEFAULT_TYPE);
        assertThat(c.scripts().get("site-standard").properties().get("content"))
                .isEqualTo("version \"6.3\"\n(0010,0010) := \"ANON\"\n");
        assertThat(c.scripts().get("keep-dates").properties()).containsEntry("file", "scripts/keep-dates.das");
    }

    @Test
    void routeSettingsAndDestinations() {
        RouteConfig mri = config().routes().get(0);
        assertThat(mri.studyTimeoutSeconds()).isEqualTo(45);
        assertThat(mri.workerThreads()).isEqualTo(4);
        assertThat(mri.maxConcurrentTransfers()).isEqualTo(8);
        assertThat(mri.autoImport()).isTrue();
        assertThat(mri.allowedCallingAes()).containsExactly("MR1", "MR2", "WS 3");
        assertThat(mri.destinations()).containsExactly(
                new RouteDestination("xnat-prod", true, 0, 5, 30, "NEURO01", "NEU", "NEU_MR", false, true,
                        "site-standard", true, "research-broker"),
                new RouteDestination("archive", true, 1, 3, 60, null, "SUBJ", "SESSION", true, false, null, false, null),
                RouteDestination.to("cloud"));

        RouteConfig ct = config().routes().get(1);
        assertThat(ct.enabled()).isFalse();
        assertThat(ct.studyTimeoutSeconds()).isEqualTo(30);
        assertThat(ct.destinations().get(1).enabled()).isFalse();
    }

    @Test
    void everyRuleKind() {
        RouteConfig mri = config().routes().get(0);
        assertThat(mri.routingRules()).hasSize(6);
        assertThat(mri.routingRules().get(0).tag()).isEqualTo(Tag.Modality);
        assertThat(mri.routingRules().get(0).operator()).isEqualTo(MatchOperator.IN);
        assertThat(mri.routingRules().get(0).values()).containsExactly("MR", "PT");
        assertThat(mri.routingRules().get(0).destinations()).containsExactly("xnat-prod", "archive");
        assertThat(mri.routingRules().get(1).tag()).isEqualTo(Tag.PatientName);
        assertThat(mri.routingRules().get(1).value()).isEqualTo("^PHANTOM\\^.*$");
        assertThat(mri.routingRules().get(3).tag()).isEqualTo(Tag.AccessionNumber);
        assertThat(mri.routingRules()).extracting(r -> r.operator()).containsExactly(MatchOperator.IN,
                MatchOperator.MATCHES, MatchOperator.CONTAINS, MatchOperator.STARTS_WITH, MatchOperator.ENDS_WITH,
                MatchOperator.EQUALS);

        assertThat(mri.filters()).extracting(FilterRule::action).containsExactly(FilterRule.Action.EXCLUDE,
                FilterRule.Action.INCLUDE, FilterRule.Action.EXCLUDE);

        assertThat(mri.validationRules()).extracting(ValidationRule::type).containsExactly(
                ValidationRule.Type.REQUIRED_TAG, ValidationRule.Type.TAG_VALUE, ValidationRule.Type.TAG_LENGTH,
                ValidationRule.Type.MODALITY_CHECK);
        assertThat(mri.validationRules()).extracting(ValidationRule::onFailure).containsExactly(
                ValidationRule.OnFailure.REJECT, ValidationRule.OnFailure.WARN, ValidationRule.OnFailure.LOG,
                ValidationRule.OnFailure.REJECT);
        ValidationRule length = mri.validationRules().get(2);
        assertThat(length.minLength()).isEqualTo(1);
        assertThat(length.maxLength()).isEqualTo(16);
        assertThat(mri.validationRules().get(3).tag()).isNull();

        assertThat(mri.tagModifications()).extracting(TagModification::action).containsExactly(
                TagModification.Action.SET, TagModification.Action.COPY_FROM, TagModification.Action.PREFIX,
                TagModification.Action.SUFFIX, TagModification.Action.REPLACE, TagModification.Action.REMOVE,
                TagModification.Action.HASH, TagModification.Action.REMOVE);
        assertThat(mri.tagModifications().get(1).sourceTag()).isEqualTo(Tag.PatientID);
        assertThat(mri.tagModifications().get(3).value()).isEqualTo(" (routed)");
        TagModification replace = mri.tagModifications().get(4);
        assertThat(replace.pattern()).isEqualTo("(\\d{3})-(\\d{4})");
        assertThat(replace.replacement()).isEqualTo("$1xxxx");
        assertThat(replace.condition()).isEqualTo("Modality=MR");
        assertThat(mri.tagModifications().get(5).tag()).isEqualTo(0x00291010);
        assertThat(mri.tagModifications().get(7).tag()).isEqualTo(0x60023000);
    }

    @Test
    void theModelIsImmutable() {
        RouterConfig c = config();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.routes().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> encryption = (Map<String, Object>) c.destinations().get("cloud").properties().get("encryption");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> encryption.put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
