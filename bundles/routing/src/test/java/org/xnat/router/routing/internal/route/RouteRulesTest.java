package org.xnat.router.routing.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.TagModification;
import org.xnat.router.config.internal.YamlConfigFiles;

class RouteRulesTest {

    private static final String YAML = """
            destinations:
              a: {type: file, path: /tmp/a}
              b: {type: file, path: /tmp/b}
              c: {type: file, path: /tmp/c, enabled: false}
            routes:
              - ae_title: R
                port: 11112
                destinations: [a, b, c]
                validation_rules:
                  - name: needs PatientID
                    type: required_tag
                    tag: PatientID
                  - name: short accession
                    type: tag_length
                    tag: AccessionNumber
                    max_length: 4
                    on_failure: warn
                filters:
                  - name: no localizers
                    tag: SeriesDescription
                    operator: contains
                    value: LOCALIZER
                routing_rules:
                  - tag: Modality
                    operator: in
                    values: [CT, PT]
                    destinations: [a]
                  - tag: StationName
                    operator: starts_with
                    value: SCAN
                    destinations: [b]
            """;

    private static RouterConfig config() throws Exception {
        return new YamlConfigFiles().read(YAML, "t.yaml", Map.of()).config();
    }

    private static Attributes header(String modality, String station) {
        Attributes a = new Attributes();
        a.setString(Tag.PatientID, VR.LO, "P1");
        a.setString(Tag.Modality, VR.CS, modality);
        a.setString(Tag.StationName, VR.SH, station);
        a.setString(Tag.SeriesDescription, VR.LO, "AXIAL");
        return a;
    }

    @Test
    void matchingRulesGiveTheUnionOfTheirDestinations() throws Exception {
        RouterConfig c = config();
        assertThat(RouteRules.decide(c, c.routes().get(0), header("CT", "SCAN1")).destinationNames()).containsExactly("a", "b");
        assertThat(RouteRules.decide(c, c.routes().get(0), header("PT", "OTHER")).destinationNames()).containsExactly("a");
    }

    @Test
    void noMatchingRuleMeansTheRoutesEnabledDestinations() throws Exception {
        RouterConfig c = config();
        RoutingDecision d = RouteRules.decide(c, c.routes().get(0), header("MR", "OTHER"));
        assertThat(d.verdict()).isEqualTo(RoutingDecision.Verdict.ROUTED);
        assertThat(d.destinationNames()).containsExactly("a", "b");
    }

    @Test
    void excludeFilterDropsWithTheFilterName() throws Exception {
        RouterConfig c = config();
        Attributes h = header("CT", "SCAN1");
        h.setString(Tag.SeriesDescription, VR.LO, "LOCALIZER 3 PLANE");
        RoutingDecision d = RouteRules.decide(c, c.routes().get(0), h);
        assertThat(d.verdict()).isEqualTo(RoutingDecision.Verdict.FILTERED);
        assertThat(d.rule()).isEqualTo("excluded by filter 'no localizers'");
        assertThat(d.destinations()).isEmpty();
    }

    @Test
    void rejectValidationWinsAndWarnValidationIsKept() throws Exception {
        RouterConfig c = config();
        Attributes h = header("CT", "SCAN1");
        h.remove(Tag.PatientID);
        RoutingDecision d = RouteRules.decide(c, c.routes().get(0), h);
        assertThat(d.verdict()).isEqualTo(RoutingDecision.Verdict.REJECTED);
        assertThat(d.rule()).isEqualTo("validation rule 'needs PatientID': PatientID is missing or empty");

        Attributes w = header("CT", "SCAN1");
        w.setString(Tag.AccessionNumber, VR.SH, "123456");
        RoutingDecision warned = RouteRules.decide(c, c.routes().get(0), w);
        assertThat(warned.verdict()).isEqualTo(RoutingDecision.Verdict.ROUTED);
        assertThat(warned.warnings()).singleElement().asString().contains("short accession", "length 6");
    }

    @Test
    void tagModificationsApplyInOrder() throws Exception {
        Attributes a = header("CT", "SCAN1");
        a.setString(Tag.StudyDescription, VR.LO, "HEAD");
        a.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3");
        TagModifier m = new TagModifier("R", java.util.List.of(
                new TagModification(null, null, Tag.InstitutionName, TagModification.Action.SET, "RESEARCH", null, null, null, null),
                new TagModification(null, null, Tag.StudyDescription, TagModification.Action.REPLACE, null, null, "^(.*)$", "STUDY $1", null),
                new TagModification(null, null, Tag.StationName, TagModification.Action.REMOVE, null, null, null, null, null),
                new TagModification(null, null, Tag.StudyInstanceUID, TagModification.Action.HASH, null, null, null, null, null),
                new TagModification(null, null, Tag.PatientName, TagModification.Action.COPY_FROM, null, Tag.PatientID, null, null, null),
                new TagModification(null, null, Tag.PatientID, TagModification.Action.PREFIX, "X-", null, null, null, null),
                new TagModification(null, null, Tag.Modality, TagModification.Action.SET, "MR", null, null, null, "Modality == CT")));
        m.process(a, null);
        assertThat(a.getString(Tag.InstitutionName)).isEqualTo("RESEARCH");
        assertThat(a.getString(Tag.StudyDescription)).isEqualTo("STUDY HEAD");
        assertThat(a.contains(Tag.StationName)).isFalse();
        assertThat(a.getString(Tag.StudyInstanceUID)).startsWith("2.25.").hasSizeLessThanOrEqualTo(64)
                .isEqualTo(TagModifier.hash("1.2.3", VR.UI));
        assertThat(a.getString(Tag.PatientName)).isEqualTo("P1");
        assertThat(a.getString(Tag.PatientID)).isEqualTo("X-P1");
        assertThat(a.getString(Tag.Modality)).as("conditional modification not applied").isEqualTo("CT");
    }
}
