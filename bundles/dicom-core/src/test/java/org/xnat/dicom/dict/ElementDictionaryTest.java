package org.xnat.dicom.dict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;

class ElementDictionaryTest {

    @Test
    void knowsEveryPs36ElementWithKeywordVrAndVm() {
        assertThat(ElementDictionary.size()).isGreaterThan(5000);
        assertThat(ElementDictionary.vrOf(Tag.PatientName)).isEqualTo(VR.PN);
        assertThat(ElementDictionary.keywordOf(0x00100010)).isEqualTo("PatientName");
        assertThat(ElementDictionary.nameOf(Tag.PatientName)).isEqualTo("Patient's Name");
        assertThat(ElementDictionary.tagForKeyword("StudyInstanceUID")).isEqualTo(0x0020000D);
        assertThat(ElementDictionary.entry(Tag.ImageType).orElseThrow().vm()).isEqualTo("2-n");
        // retired elements are there too
        assertThat(ElementDictionary.entry(0x00080001).orElseThrow().retired()).isTrue();
        assertThat(ElementDictionary.tagForKeyword("NoSuchKeyword")).isEqualTo(-1);
    }

    @Test
    void resolvesRepeatingGroupsAndElementRanges() {
        assertThat(ElementDictionary.keywordOf(0x60023000)).isEqualTo("OverlayData");
        assertThat(ElementDictionary.keywordOf(0x601E0010)).isEqualTo("OverlayRows");
        assertThat(ElementDictionary.keywordOf(0x50040005)).isEqualTo("CurveDimensions");
        assertThat(ElementDictionary.keywordOf(0x00203105)).isEqualTo("SourceImageIDs");
        assertThat(ElementDictionary.keywordOf(0x10000015)).isEqualTo("ShiftTableTriplet");
        assertThat(ElementDictionary.keywordOf(0x00280413)).isEqualTo("CoefficientCodingPointers");
        // odd groups are private, not overlays
        assertThat(ElementDictionary.keywordOf(0x60013000)).isNull();
        assertThat(ElementDictionary.vrOf(0x60013000)).isEqualTo(VR.UN);
    }

    @Test
    void ambiguousVrsPreferTheImplicitVrChoice() {
        DictionaryEntry pixelData = ElementDictionary.entry(Tag.PixelData).orElseThrow();
        assertThat(pixelData.vrs()).containsExactly(VR.OW, VR.OB);
        assertThat(ElementDictionary.entry(Tag.SmallestImagePixelValue).orElseThrow().vrs())
                .containsExactly(VR.US, VR.SS);
    }

    @Test
    void groupLengthsPrivateCreatorsAndPrivateElements() {
        assertThat(ElementDictionary.vrOf(0x00090000)).isEqualTo(VR.UL);
        assertThat(ElementDictionary.vrOf(0x00290010)).isEqualTo(VR.LO);
        assertThat(ElementDictionary.vrOf(0x00291010)).isEqualTo(VR.UN);
        assertThat(ElementDictionary.vrOf("SIEMENS CSA HEADER", 0x00291010)).isEqualTo(VR.OB);
        assertThat(ElementDictionary.vrOf("SIEMENS CSA HEADER", 0x00291110)).isEqualTo(VR.OB); // block 0x11
        assertThat(ElementDictionary.privateEntry("SIEMENS CSA HEADER", 0x00291208).orElseThrow().keyword())
                .isEqualTo("CSAImageHeaderType");
        assertThat(ElementDictionary.vrOf("OTHER VENDOR", 0x00291010)).isEqualTo(VR.UN);
    }

    @Test
    void tagConstantsAndHelpers() {
        assertThat(Tag.PixelData).isEqualTo(0x7FE00010);
        assertThat(Tag.OverlayData).isEqualTo(0x60003000);
        assertThat(Tag.toString(Tag.PatientName)).isEqualTo("(0010,0010)");
        assertThat(Tag.parse("(7fe0,0010)")).isEqualTo(Tag.PixelData);
        assertThat(Tag.parse("00100010")).isEqualTo(Tag.PatientName);
        assertThat(Tag.isPrivate(0x00191010)).isTrue();
        assertThat(Tag.isPrivate(Tag.PatientName)).isFalse();
        assertThat(Tag.isPrivateCreator(0x00190010)).isTrue();
        assertThat(Tag.privateCreatorOf(0x00191A05)).isEqualTo(0x0019001A);
    }
}
