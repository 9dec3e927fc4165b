package org.xnat.router.deid.internal.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.deid.DeidChain;
import org.xnat.router.deid.DeidResult;
import org.xnat.router.deid.TagChange;
import org.xnat.router.deid.internal.broker.IdType;
import org.xnat.router.deid.internal.broker.InMemoryCrosswalk;

class DeidTesterTest {

    @Test
    void reportsEveryChangeWithoutTouchingTheInputOrTheCrosswalk() throws Exception {
        InMemoryCrosswalk cw = new InMemoryCrosswalk();
        DeidTesterComponent tester = new DeidTesterComponent(cw);
        Attributes in = new Attributes();
        in.setString(Tag.PatientName, VR.PN, "Doe^John");
        in.setString(Tag.PatientID, VR.LO, "MRN1");
        in.setString(Tag.Modality, VR.CS, "CT");
        in.newSequence(Tag.ReferencedPatientSequence).addItem().setString(Tag.PatientName, VR.PN, "Doe^Jane");
        String script = "version \"6.3\"\n(0010,0020) := lookup[\"patient_id\", (0010,0020)]\n+/(0010,0010) := \"X\"\n"
                + "-(0008,0060)\n(0012,0062) := \"YES\"\n";
        DeidResult r = tester.test(new ComponentConfig("t", "dicomedit", Map.of("text", script,
                "honest_broker", Map.of("name", "hb", "naming_scheme", "sequential"))), in, Map.of());
        assertThat(r.changes()).extracting(TagChange::path, TagChange::keyword, TagChange::before, TagChange::after)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("(0008,0060)", "Modality", "CT", null),
                        org.assertj.core.groups.Tuple.tuple("(0008,1120)[0]/(0010,0010)", "PatientName", "Doe^Jane", "X"),
                        org.assertj.core.groups.Tuple.tuple("(0010,0020)", "PatientID", "MRN1", "000001"),
                        org.assertj.core.groups.Tuple.tuple("(0012,0062)", "PatientIdentityRemoved", null, "YES"));
        assertThat(in.getString(Tag.PatientID)).isEqualTo("MRN1");
        assertThat(cw.find("hb", IdType.PATIENT_ID, "MRN1")).as("a test run keeps no mapping").isNull();
        assertThat(tester.validateScript("version \"6.3\"\n(0010,0010) := \n")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(2));
        assertThatThrownBy(() -> tester.test(new ComponentConfig("t", "file", Map.of()), in, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void aChainSharesVariablesAndTheDryRunCrosswalkAndReportsEveryStep() throws Exception {
        InMemoryCrosswalk cw = new InMemoryCrosswalk();
        DeidTesterComponent tester = new DeidTesterComponent(cw);
        Attributes in = new Attributes();
        in.setString(Tag.PatientName, VR.PN, "Doe^John");
        in.setString(Tag.PatientID, VR.LO, "MRN7");
        in.setString(Tag.StudyDescription, VR.LO, "Head");
        Map<String, Object> broker = Map.of("naming_scheme", "sequential", "patient_id_prefix", "R", "labels_only", true);
        // the script asks the broker again: the dry run must give the same research ID the labels got
        String script = "version \"6.3\"\n(0010,0010) := subject\n(0010,0020) := lookup[\"patient_id\", (0010,0020)]\n";
        DeidChain chain = new DeidChain("route R -> d",
                List.of((ds, ctx) -> ds.setString(Tag.StudyDescription, VR.LO, "Head " + ctx.variables().get("project"))),
                List.of(new ComponentConfig("hb", "honest-broker", broker),
                        new ComponentConfig("s", "dicomedit", Map.of("text", script,
                                "honest_broker", Map.of("name", "hb", "naming_scheme", "sequential", "patient_id_prefix", "R")))),
                Map.of("project", "P1"));
        DeidResult r = tester.test(chain, in);
        assertThat(r.changes()).extracting(TagChange::keyword, TagChange::before, TagChange::after).containsExactly(
                org.assertj.core.groups.Tuple.tuple("StudyDescription", "Head", "Head P1"),
                org.assertj.core.groups.Tuple.tuple("PatientName", "Doe^John", "R000001"),
                org.assertj.core.groups.Tuple.tuple("PatientID", "MRN7", "R000001"));
        assertThat(cw.find("hb", IdType.PATIENT_ID, "MRN7")).as("nothing kept").isNull();
        assertThat(in.getString(Tag.PatientName)).isEqualTo("Doe^John");
        assertThatThrownBy(() -> tester.test(new DeidChain("x", List.of(), List.of(new ComponentConfig("p", "ps315",
                Map.of("retain_uids", "maybe"))), Map.of()), in)).isInstanceOf(InvalidConfigurationException.class);
    }
}
