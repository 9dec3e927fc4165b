package org.xnat.router.destination.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PathSegmentsTest {

    @Test
    void separatorsAndRelativeNamesAreNeutralised() {
        assertThat(PathSegments.safe("../../etc")).isEqualTo("___.._etc");
        assertThat(PathSegments.safe("..")).isEqualTo("__");
        assertThat(PathSegments.safe(".")).isEqualTo("_");
        assertThat(PathSegments.safe("/abs")).isEqualTo("_abs");
        assertThat(PathSegments.safe("C:\\Windows")).isEqualTo("C__Windows");
        assertThat(PathSegments.safe(".hidden")).isEqualTo("_hidden");
    }

    @Test
    void controlAndInvisibleCharactersAreReplaced() {
        assertThat(PathSegments.safe("a\u0000b\nc\u007fd\u0085e")).isEqualTo("a_b_c_d_e");
        assertThat(PathSegments.safe("evil\u202Egpj.exe")).isEqualTo("evil_gpj.exe");
    }

    @Test
    void blankOrMissingIsUnknown() {
        for (String s : new String[] {null, "", "   ", "..."}) {
            String safe = PathSegments.safe(s);
            assertThat(safe).as(String.valueOf(s)).isIn("UNKNOWN", "___");
        }
        assertThat(PathSegments.safe(null)).isEqualTo("UNKNOWN");
        assertThat(PathSegments.safe("  ")).isEqualTo("UNKNOWN");
    }

    @Test
    void trailingDotsAndSpacesGoAndLettersOfAnyScriptStay() {
        assertThat(PathSegments.safe("Study.. ")).isEqualTo("Study");
        assertThat(PathSegments.safe("Yamada^Tarou=山田^太郎")).isEqualTo("Yamada^Tarou=山田^太郎");
        assertThat(PathSegments.safe("Müller")).isEqualTo("Müller");
    }

    @Test
    void longValuesAreCutOnCharacterBoundaries() {
        String longName = "山".repeat(200);
        String safe = PathSegments.safe(longName);
        assertThat(safe.codePointCount(0, safe.length())).isEqualTo(PathSegments.MAX_CHARS);
        assertThat(safe.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(255);
        String emoji = "😀".repeat(100);
        assertThat(PathSegments.safe(emoji)).isEqualTo("😀".repeat(PathSegments.MAX_CHARS));
    }

    @Test
    void patientNameUsesTheAlphabeticGroupWithUnderscores() {
        assertThat(Placeholder.patientName("Doe^John^^^")).isEqualTo("Doe_John");
        assertThat(Placeholder.patientName("Yamada^Tarou=山田^太郎=やまだ^たろう")).isEqualTo("Yamada_Tarou");
        assertThat(Placeholder.patientName("Doe")).isEqualTo("Doe");
        assertThat(Placeholder.patientName(null)).isNull();
        assertThat(List.of(Placeholder.values())).extracting(Enum::name).containsExactly("PatientID", "PatientName",
                "StudyInstanceUID", "StudyDate", "StudyTime", "Modality", "AccessionNumber", "StudyDescription",
                "CallingAE");
    }
}
