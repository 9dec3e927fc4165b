package org.xnat.router.destination.xnat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.router.api.destination.DeliveryException;

class XnatLabelsTest {

    private static Attributes header(String patientId, String patientName, String accession, String studyDate) {
        Attributes a = new Attributes();
        if (patientId != null) {
            a.setString(Tag.PatientID, patientId);
        }
        if (patientName != null) {
            a.setString(Tag.PatientName, patientName);
        }
        if (accession != null) {
            a.setString(Tag.AccessionNumber, accession);
        }
        if (studyDate != null) {
            a.setString(Tag.StudyDate, studyDate);
        }
        a.setString(Tag.StudyInstanceUID, "1.2.840.99999.1.2.3456789012");
        return a;
    }

    private static XnatLabels labels(Map<String, Object> options, Attributes header, String studyUid) throws Exception {
        return XnatLabels.from(options, header, new TestDelivery(studyUid, options, List.of()));
    }

    @Test
    void subjectIsPrefixPlusPatientIdAndSessionPrefixPlusAccession() throws Exception {
        XnatLabels l = labels(Map.of("project_id", "PROJ", "subject_prefix", "S_", "session_prefix", "E_"),
                header("PID-7", "Doe^John", "A12", "20240102"), "1.2.3");
        assertThat(l).isEqualTo(new XnatLabels("PROJ", "S_PID-7", "E_A12", true));
        assertThat(l.destination()).isEqualTo("/archive/projects/PROJ");
    }

    @Test
    void anHonestBrokersLabelsWinOverPrefixesAndHeader() throws Exception {
        XnatLabels l = labels(Map.of("project_id", "PROJ", "subject_prefix", "S_", "session_prefix", "E_",
                "subject", "RSUB-0001", "session", "RSUB-0001-ACC 9"), header("PID-7", "Doe^John", "A12", "20240102"), "1.2.3");
        assertThat(l.subject()).isEqualTo("RSUB-0001");
        assertThat(l.session()).isEqualTo("RSUB-0001-ACC_9");
    }

    @Test
    void withoutAccessionTheSessionIsStudyDateAndTheLastEightUidDigits() throws Exception {
        XnatLabels l = labels(Map.of("project_id", "P"), header("X", null, null, "20240102"), null);
        assertThat(l.session()).isEqualTo("20240102_56789012"); // from the header's UID, the delivery gave none
        l = labels(Map.of("project_id", "P"), header("X", null, "  ", null), "1.2.3");
        assertThat(l.session()).isEqualTo("UNKNOWN_123");
    }

    @Test
    void withoutPatientIdTheNameIsUsedAndWithoutEitherUnknown() throws Exception {
        assertThat(labels(Map.of("project_id", "P"), header(null, "Yamada^Tarou^^=山田^太郎", null, null), "1")
                .subject()).isEqualTo("Yamada_Tarou");
        assertThat(labels(Map.of("project_id", "P"), header("", null, null, null), "1").subject()).isEqualTo("UNKNOWN");
    }

    @Test
    void labelsKeepOnlyWhatXnatAccepts() throws Exception {
        XnatLabels l = labels(Map.of("project_id", "P", "subject_prefix", "my site/"),
                header("../ab c", null, "Ü-1.2", null), "1");
        assertThat(l.subject()).isEqualTo("my_site____ab_c");
        assertThat(l.session()).isEqualTo("_-1_2");
    }

    @Test
    void prearchiveAndBadOptions() throws Exception {
        Attributes h = header("X", null, null, null);
        assertThat(labels(Map.of("project_id", "P", "auto_archive", false), h, "1").destination())
                .isEqualTo("/prearchive/projects/P");
        assertThatThrownBy(() -> labels(Map.of("project_id", "P", "auto_archive", "maybe"), h, "1"))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("auto_archive");
        assertThatThrownBy(() -> labels(Map.of("project_id", "P/../Q"), h, "1"))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("project_id");
        assertThatThrownBy(() -> labels(Map.of(), h, "1")).hasMessageContaining("project_id");
    }
}
