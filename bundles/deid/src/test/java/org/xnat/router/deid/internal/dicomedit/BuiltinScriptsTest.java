package org.xnat.router.deid.internal.dicomedit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.io.DicomReader;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.deid.internal.broker.InMemoryCrosswalk;

class BuiltinScriptsTest {

    static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    static Attributes read(String name) throws Exception {
        try (DicomReader r = DicomReader.open(CORPUS.resolve(name))) {
            return r.readDataset();
        }
    }

    static DatasetProcessor processor(Map<String, Object> props, InMemoryCrosswalk cw) throws Exception {
        return DicomEditProcessorFactory.create(new ComponentConfig("r", "dicomedit", props), cw);
    }

    @Test
    void everyBuiltInScriptParses() {
        for (String name : BuiltinScripts.NAMES) {
            assertThat(DicomEditProcessorFactory.validateScript(BuiltinScripts.text(name))).as(name).isEmpty();
        }
        assertThat(BuiltinScripts.text("nosuch")).isNull();
    }

    @Test
    void anonymizeAloneMeansHipaaStandardAndItIsConsistentAcrossASeries() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "pydicom corpus not installed");
        InMemoryCrosswalk cw = new InMemoryCrosswalk();
        DatasetProcessor p = processor(Map.of("anonymize", true, "uid_key", "k"), cw);
        Attributes a = read("MR_small.dcm");
        Attributes b = read("MR_small_implicit.dcm");
        String study = a.getString(Tag.StudyInstanceUID);
        assertThat(b.getString(Tag.StudyInstanceUID)).isEqualTo(study);
        p.process(a, null);
        p.process(b, null);
        assertThat(a.getString(Tag.StudyInstanceUID)).isNotEqualTo(study).startsWith("2.25.")
                .isEqualTo(b.getString(Tag.StudyInstanceUID));
        assertThat(a.getString(Tag.PatientName)).isEqualTo("ANONYMOUS");
        assertThat(a.getString(Tag.StudyDate)).endsWith("0101");
        assertThat(java.util.Arrays.stream(a.tags()).boxed().toList()).noneMatch(Tag::isPrivate);
        assertThat(a.getString(Tag.DeidentificationMethod)).isEqualTo("hipaa_standard (XNAT router)");
    }

    @Test
    void passthroughChangesNothing() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "pydicom corpus not installed");
        Attributes a = read("CT_small.dcm");
        Attributes before = new Attributes(a);
        processor(Map.of("script", "passthrough"), new InMemoryCrosswalk()).process(a, null);
        assertThat(a).isEqualTo(before);
    }

    @Test
    void researchSafeLabelsWithTheRoutesVariablesAndMinimalKeepsDates() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "pydicom corpus not installed");
        Attributes a = read("CT_small.dcm");
        processor(Map.of("anon_script", "research_safe", "project", "P1", "subject", "S1", "session", "E1"),
                new InMemoryCrosswalk()).process(a, null);
        assertThat(a.getString(Tag.PatientName)).isEqualTo("S1");
        assertThat(a.getString(Tag.PatientComments)).isEqualTo("Project: P1; Subject: S1; Session: E1");
        Attributes m = read("CT_small.dcm");
        String date = m.getString(Tag.StudyDate);
        String uid = m.getString(Tag.SOPInstanceUID);
        processor(Map.of("script", "minimal"), new InMemoryCrosswalk()).process(m, null);
        assertThat(m.getString(Tag.PatientID)).isEqualTo("ANONYMOUS");
        assertThat(m.getString(Tag.StudyDate)).isEqualTo(date);
        assertThat(m.getString(Tag.SOPInstanceUID)).isEqualTo(uid);
    }

    @Test
    void hipaaBrokerUsesTheBrokersIdsAndDateShift() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "pydicom corpus not installed");
        assertThatThrownBy(() -> processor(Map.of("script", "hipaa_broker"), new InMemoryCrosswalk()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("needs honest_broker");
        InMemoryCrosswalk cw = new InMemoryCrosswalk();
        Map<String, Object> props = Map.of("script", "hipaa_broker", "honest_broker", Map.of("name", "hb",
                "naming_scheme", "color_animal", "patient_id_prefix", "R_", "date_shift_min_days", -20,
                "date_shift_max_days", -20, "hash_key", "k"));
        Attributes a = read("CT_small.dcm");
        String pid = a.getString(Tag.PatientID);
        String sop = a.getString(Tag.SOPInstanceUID);
        processor(props, cw).process(a, null);
        assertThat(a.getString(Tag.PatientID)).matches("R_[A-Z]+_[A-Z]+");
        assertThat(a.getString(Tag.PatientName)).isEqualTo(a.getString(Tag.PatientID).substring(2));
        assertThat(a.getString(Tag.StudyDate)).isEqualTo("20031230"); // 2004-01-19 minus 20 days
        assertThat(a.getString(Tag.SOPInstanceUID)).isEqualTo(cw.find("hb",
                org.xnat.router.deid.internal.broker.IdType.SOP_UID, sop));
        assertThat(cw.find("hb", org.xnat.router.deid.internal.broker.IdType.PATIENT_ID, pid)).isEqualTo(a.getString(Tag.PatientID));
    }
}
