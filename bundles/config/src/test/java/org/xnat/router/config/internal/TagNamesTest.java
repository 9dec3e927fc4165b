package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Tag;

class TagNamesTest {

    @Test
    void keywordsAndTagNumbersInEverySpelling() {
        assertThat(TagNames.parse("Modality")).isEqualTo(Tag.Modality);
        assertThat(TagNames.parse(" PatientID ")).isEqualTo(Tag.PatientID);
        assertThat(TagNames.parse("(0008,0060)")).isEqualTo(Tag.Modality);
        assertThat(TagNames.parse("( 0008 , 0060 )")).isEqualTo(Tag.Modality);
        assertThat(TagNames.parse("0008,0060")).isEqualTo(Tag.Modality);
        assertThat(TagNames.parse("00080060")).isEqualTo(Tag.Modality);
        assertThat(TagNames.parse("(0029,10ab)")).isEqualTo(0x002910AB);
        assertThat(TagNames.parse("(FFFE,E000)")).isEqualTo(0xFFFEE000);
    }

    @Test
    void unknownOrMalformedSpellingsAreRejected() {
        assertThat(TagNames.parse("modality")).isNull(); // keywords are case-sensitive in PS3.6
        assertThat(TagNames.parse("NoSuchKeyword")).isNull();
        assertThat(TagNames.parse("(0008,006)")).isNull();
        assertThat(TagNames.parse("(0008;0060)")).isNull();
        assertThat(TagNames.parse("")).isNull();
    }

    @Test
    void writtenAsKeywordsWhereTheDictionaryNamesExactlyThatTag() {
        assertThat(TagNames.format(Tag.StudyInstanceUID)).isEqualTo("StudyInstanceUID");
        assertThat(TagNames.format(0x00291010)).isEqualTo("(0029,1010)");
        // a repeating-group element other than the first group has no keyword of its own
        assertThat(TagNames.format(0x60003000)).isEqualTo("OverlayData");
        assertThat(TagNames.format(0x60023000)).isEqualTo("(6002,3000)");
    }
}
