package org.xnat.router.deid.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingException;

class LocalHonestBrokerTest {

    private static ComponentConfig config(Map<String, Object> props) {
        return new ComponentConfig("b", "honest-broker", props);
    }

    @Test
    void theProcessorMapsIdentifiersAndRefusesAnInstanceWithoutPatientId() throws Exception {
        InMemoryCrosswalk cw = new InMemoryCrosswalk();
        DatasetProcessor p = new HonestBrokerProcessorFactory(cw).create(config(Map.of("naming_scheme", "sequential",
                "patient_id_prefix", "S", "hash_key", "k")));
        Attributes a = new Attributes();
        a.setString(Tag.PatientID, VR.LO, "MRN1");
        a.setString(Tag.PatientName, VR.PN, "Doe^John");
        a.setString(Tag.OtherPatientIDs, VR.LO, "MRN0");
        a.setString(Tag.StudyDate, VR.DA, "20240301");
        a.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3");
        p.process(a, null);
        assertThat(a.getString(Tag.PatientID)).isEqualTo("S000001");
        assertThat(a.getString(Tag.PatientName)).isEqualTo("000001");
        assertThat(a.contains(Tag.OtherPatientIDs)).isFalse();
        assertThat(a.getString(Tag.StudyDate)).as("date shift off by default").isEqualTo("20240301");
        assertThat(a.getString(Tag.StudyInstanceUID)).as("UID hashing off by default").isEqualTo("1.2.3");
        assertThat(cw.find("b", IdType.PATIENT_ID, "MRN1")).isEqualTo("S000001");

        Attributes none = new Attributes();
        none.setString(Tag.PatientName, VR.PN, "Nobody");
        assertThatThrownBy(() -> p.process(none, null)).isInstanceOf(ProcessingException.class)
                .hasMessageContaining("no Patient ID");
    }

    @Test
    void invalidSettingsAreRefused() {
        HonestBrokerProcessorFactory f = new HonestBrokerProcessorFactory(new InMemoryCrosswalk());
        assertThatThrownBy(() -> f.validate(config(Map.of("naming_scheme", "emoji"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("naming_scheme");
        assertThatThrownBy(() -> f.validate(config(Map.of("broker_type", "ftp"))))
                .hasMessageContaining("'ftp' brokers are not supported");
        assertThatThrownBy(() -> f.validate(config(Map.of("broker_type", "remote"))))
                .hasMessageContaining("sts_host").hasMessageContaining("api_host");
        assertThatThrownBy(() -> f.validate(config(Map.of("date_shift_enabled", true, "date_shift_min_days", -5,
                "date_shift_max_days", 5)))).hasMessageContaining("must not contain 0");
    }

    @Test
    void wordSchemesFallBackToANumberWhenWordsCollide() throws Exception {
        InMemoryCrosswalk cw = new InMemoryCrosswalk();
        // a generator that always says the same words: the crosswalk retries with the next attempt
        String first = cw.resolve("b", IdType.PATIENT_ID, "a", (seq, attempt) -> NamingScheme.ADJECTIVE_ANIMAL.token(new byte[8], seq, attempt));
        String second = cw.resolve("b", IdType.PATIENT_ID, "b", (seq, attempt) -> NamingScheme.ADJECTIVE_ANIMAL.token(new byte[8], seq, attempt));
        assertThat(first).isEqualTo("AMBER_ALBATROSS");
        assertThat(second).isEqualTo("AMBER_ALBATROSS_2");
    }
}
