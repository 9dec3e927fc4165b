package org.xnat.router.deid.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;

class BasicProfileTest {

    static Attributes sample() {
        Attributes ds = new Attributes();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.4");
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5.6");
        ds.setString(Tag.StudyDate, VR.DA, "20240315");
        ds.setString(Tag.StudyTime, VR.TM, "101500");
        ds.setString(Tag.AccessionNumber, VR.SH, "ACC123");
        ds.setString(Tag.InstitutionName, VR.LO, "General Hospital");
        ds.setString(Tag.StationName, VR.SH, "MR01");
        ds.setString(Tag.StudyDescription, VR.LO, "Brain MRI for Doe follow-up 2024-03-15");
        ds.setString(Tag.PatientName, VR.PN, "Doe^John");
        ds.setString(Tag.PatientID, VR.LO, "PID-42");
        ds.setString(Tag.OtherPatientIDs, VR.LO, "OLD-1"); // X
        ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tag.PatientSex, VR.CS, "M");
        ds.setString(Tag.PatientAge, VR.AS, "054Y");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.5");
        ds.setString(Tag.FrameOfReferenceUID, VR.UI, "1.2.3.4.7");
        ds.setString(Tag.of(0x0020, 0x3101), VR.LO, "source image id"); // a (0020,31xx) range element
        Sequence ref = ds.newSequence(Tag.ReferencedImageSequence);
        Attributes item = ref.addItem();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.4");
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4.5.6");
        item.setString(Tag.PatientName, VR.PN, "Doe^John");
        ds.setString(ds.reservePrivateTag("ACME 1.0", 0x0019, 0x0C), VR.LO, "b-value 1000");
        ds.setString(ds.reservePrivateTag("ACME 1.0", 0x0019, 0x0D), VR.LO, "operator Smith");
        ds.setBytes(0x50000010, VR.US, new byte[] {1, 0});
        ds.setString(0x60024000, VR.LT, "overlay comment");
        return ds;
    }

    static Attributes apply(Map<String, Object> props) throws Exception {
        Map<String, Object> p = new HashMap<>(props);
        p.put("uid_key", "k");
        ProfileSettings s = ProfileSettings.parse(new ComponentConfig("p", "ps315", p));
        Attributes ds = sample();
        new BasicProfile(ProfileTable.standard(), s).apply(ds);
        return ds;
    }

    @Test
    void basicProfileWithoutOptions() throws Exception {
        Attributes ds = apply(Map.of());
        assertThat(ds.contains(Tag.OtherPatientIDs)).isFalse();
        assertThat(ds.getString(Tag.InstitutionName)).isEqualTo("ANONYMIZED");   // X/Z/D read as D
        assertThat(ProfileTable.standard().ruleFor(Tag.StationName).basicProfile()).isEqualTo("X/Z/D");
        assertThat(ds.getString(Tag.StationName)).isEqualTo("ANONYMIZED");   // X/Z/D read as D
        assertThat(ds.getString(Tag.PatientName)).isNull();                // Z: present, empty
        assertThat(ds.contains(Tag.PatientName)).isTrue();
        assertThat(ds.getString(Tag.AccessionNumber)).isNull();
        assertThat(ds.contains(0x50000010)).as("(50xx,xxxx)").isFalse();
        assertThat(ds.contains(0x60024000)).as("(60xx,4000)").isFalse();
        assertThat(java.util.Arrays.stream(ds.tags()).boxed().toList()).noneMatch(Tag::isPrivate);
        String study = ds.getString(Tag.StudyInstanceUID);
        assertThat(study).startsWith("2.25.").isNotEqualTo("1.2.3.4");
        assertThat(ds.getString(Tag.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.4");
        Attributes item = ds.getSequence(Tag.ReferencedImageSequence).get(0);
        assertThat(item.getString(Tag.ReferencedSOPInstanceUID)).as("reference maps like the instance")
                .isEqualTo(ds.getString(Tag.SOPInstanceUID));
        assertThat(item.getString(Tag.PatientName)).as("nested").isNull();
        assertThat(ds.getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
        assertThat(ds.getStrings(Tag.DeidentificationMethod)).containsExactly("Basic Application Confidentiality Profile");
        assertThat(ds.getSequence(Tag.DeidentificationMethodCodeSequence).items())
                .extracting(i -> i.getString(Tag.CodeValue)).containsExactly("113100");
        assertThat(ds.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("REMOVED");
        assertThat(apply(Map.of()).getString(Tag.StudyInstanceUID)).as("deterministic").isEqualTo(study);
    }

    @Test
    void combinationsFollowTheDocumentedReading() {
        ProfileTable t = ProfileTable.standard();
        assertThat(t.ruleFor(Tag.StudyDate).basicProfile()).isEqualTo("Z");
        assertThat(t.ruleFor(Tag.AcquisitionDate).basicAction()).isEqualTo(Action.EMPTY);        // X/Z
        assertThat(t.ruleFor(Tag.AcquisitionDateTime).basicAction()).isEqualTo(Action.DUMMY);    // X/Z/D
        assertThat(t.ruleFor(Tag.ReferencedImageSequence).basicAction()).isEqualTo(Action.KEEP); // X/Z/U*
        assertThat(t.ruleFor(0x50120010).basicProfile()).isEqualTo("X");
        assertThat(t.ruleFor(0x60FE3000).tag()).isEqualTo("(60XX,3000)");
        assertThat(t.ruleFor(Tag.PatientID).effectiveAction(java.util.EnumSet.allOf(ProfileOption.class)))
                .isEqualTo(t.ruleFor(Tag.PatientID).basicAction());
    }

    @Test
    void optionsRetainAndClean() throws Exception {
        Attributes ds = apply(Map.of("retain_uids", true, "retain_device_identity", true,
                "retain_institution_identity", true, "retain_patient_characteristics", true,
                "retain_longitudinal_full_dates", true, "clean_descriptors", true, "retain_safe_private", true,
                "safe_private_tags", List.of("(0019,{ACME 1.0}0C)")));
        assertThat(ds.getString(Tag.StudyInstanceUID)).isEqualTo("1.2.3.4");
        assertThat(ds.getString(Tag.StationName)).isEqualTo("MR01");
        assertThat(ds.getString(Tag.InstitutionName)).isEqualTo("General Hospital");
        assertThat(ds.getString(Tag.PatientSex)).isEqualTo("M");
        assertThat(ds.getString(Tag.PatientAge)).isEqualTo("054Y");
        assertThat(ds.getString(Tag.StudyDate)).isEqualTo("20240315");
        assertThat(ds.getString(Tag.StudyDescription)).as("the name goes; dates are kept with the full dates option")
                .isEqualTo("Brain MRI for *** follow-up 2024-03-15");
        assertThat(ds.getString(0x0019100C)).isEqualTo("b-value 1000");
        assertThat(ds.getString(0x00190010)).isEqualTo("ACME 1.0");
        assertThat(ds.contains(0x0019100D)).isFalse();
        assertThat(ds.getSequence(Tag.DeidentificationMethodCodeSequence).items())
                .extracting(i -> i.getString(Tag.CodeValue))
                .containsExactlyInAnyOrder("113100", "113110", "113109", "113112", "113108", "113106", "113105", "113111");
        assertThat(ds.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("UNMODIFIED");
    }

    @Test
    void modifiedDatesShiftEveryDateOfAPatientByTheSameAmount() throws Exception {
        Attributes ds = apply(Map.of("retain_longitudinal_modified_dates", true, "date_shift_days", -10));
        assertThat(ds.getString(Tag.StudyDate)).isEqualTo("20240305");
        assertThat(ds.getString(Tag.StudyTime)).isEqualTo("101500");
        assertThat(ds.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("MODIFIED");
        Attributes derived = apply(Map.of("retain_longitudinal_modified_dates", true));
        int shifted = Integer.parseInt(derived.getString(Tag.StudyDate));
        assertThat(shifted).isBetween(20230315, 20240314);
        assertThat(apply(Map.of("retain_longitudinal_modified_dates", true)).getString(Tag.StudyDate))
                .isEqualTo(derived.getString(Tag.StudyDate));
    }

    @Test
    void contradictoryOrInvalidOptionsAreRefused() {
        assertThatThrownBy(() -> apply(Map.of("retain_longitudinal_full_dates", true,
                "retain_longitudinal_modified_dates", true))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> apply(Map.of("uid_root", "1.2.x"))).hasMessageContaining("uid_root");
        assertThatThrownBy(() -> apply(Map.of("safe_private_tags", List.of("(0018,{X}0C)"))))
                .hasMessageContaining("private (odd) group");
        assertThatThrownBy(() -> apply(Map.of("retain_uids", "maybe"))).hasMessageContaining("retain_uids");
    }
}
