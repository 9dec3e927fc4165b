package org.xnat.dicom.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed dictionary sources and resources must equal a fresh run of {@link DictionaryGenerator}. */
class GeneratedSourcesAreCurrentTest {

    @Test
    void committedOutputEqualsFreshGeneration() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Map<String, String> fresh = DictionaryGenerator.generate(module);
        assertThat(fresh).containsKeys(DictionaryGenerator.TAG_JAVA, DictionaryGenerator.UID_JAVA,
                DictionaryGenerator.ELEMENTS, DictionaryGenerator.UIDS);
        for (Map.Entry<String, String> e : fresh.entrySet()) {
            String committed = Files.readString(module.resolve(e.getKey()), StandardCharsets.UTF_8);
            assertThat(committed)
                    .as("%s is stale: run DictionaryGenerator (see its javadoc) and commit the result", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void sopClassKeywordsFollowTheStandardNames() {
        assertThat(DictionaryGenerator.keywordOf("Digital X-Ray Image Storage - For Presentation"))
                .isEqualTo("DigitalXRayImageStorageForPresentation");
        assertThat(DictionaryGenerator.keywordOf("12-lead ECG Waveform Storage")).isEqualTo("_12LeadECGWaveformStorage");
    }
}
