package org.xnat.router.deid.internal.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
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
}
