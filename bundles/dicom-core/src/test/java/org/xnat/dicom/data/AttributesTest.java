package org.xnat.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class AttributesTest {

    @Test
    void stringsArePaddedStoredAsBytesAndTrimmedOnRead() {
        Attributes a = new Attributes();
        a.setString(Tag.PatientID, VR.LO, "ABC");
        a.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        assertThat(a.getBytes(Tag.PatientID)).isEqualTo("ABC ".getBytes(StandardCharsets.US_ASCII));
        assertThat(a.getBytes(Tag.SOPInstanceUID)).isEqualTo("1.2.3\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(a.getString(Tag.PatientID)).isEqualTo("ABC");
        assertThat(a.getString(Tag.SOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(a.getStrings(Tag.ImageType)).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
        assertThat(a.getString(Tag.ImageType, 2, null)).isEqualTo("AXIAL");
        assertThat(a.getString(Tag.StudyDate)).isNull();
        assertThat(a.getString(Tag.StudyDate, "none")).isEqualTo("none");
        a.setNull(Tag.AccessionNumber, VR.SH);
        assertThat(a.contains(Tag.AccessionNumber)).isTrue();
        assertThat(a.containsValue(Tag.AccessionNumber)).isFalse();
        assertThat(a.getStrings(Tag.AccessionNumber)).isEmpty();
    }

    @Test
    void numbersInBinaryAndTextVrs() {
        Attributes a = new Attributes();
        a.setInt(Tag.Rows, VR.US, 512);
        a.setInt(Tag.PixelPaddingValue, VR.SS, -2000);
        a.setLong(Tag.SimpleFrameList, VR.UL, 4_000_000_000L, 1);
        a.setDouble(Tag.PixelSpacing, VR.DS, 0.5, 0.25);
        a.setString(Tag.InstanceNumber, VR.IS, "42");
        a.setFloat(Tag.RevolutionTime, VR.FD, 1.5f);
        a.setDouble(Tag.RecommendedDisplayFrameRateInFloat, VR.FL, 2.5);
        a.setTags(Tag.FrameIncrementPointer, Tag.FrameTime, Tag.PixelData);
        assertThat(a.getBytes(Tag.Rows)).containsExactly(0x00, 0x02);
        assertThat(a.getInt(Tag.Rows, 0)).isEqualTo(512);
        assertThat(a.getInt(Tag.PixelPaddingValue, 0)).isEqualTo(-2000);
        assertThat(a.getLongs(Tag.SimpleFrameList)).containsExactly(4_000_000_000L, 1L);
        assertThat(a.getDoubles(Tag.PixelSpacing)).containsExactly(0.5, 0.25);
        assertThat(a.getString(Tag.PixelSpacing, 1, null)).isEqualTo("0.25");
        assertThat(a.getInt(Tag.InstanceNumber, 0)).isEqualTo(42);
        assertThat(a.getDouble(Tag.RevolutionTime, 0)).isEqualTo(1.5);
        assertThat(a.getFloat(Tag.RecommendedDisplayFrameRateInFloat, 0)).isEqualTo(2.5f);
        assertThat(a.getTags(Tag.FrameIncrementPointer)).containsExactly(Tag.FrameTime, Tag.PixelData);
        assertThat(a.getStrings(Tag.Rows)).containsExactly("512");
        assertThat(a.getInt(Tag.Columns, -1)).isEqualTo(-1);
        a.setString(Tag.SliceThickness, VR.DS, "abc");
        assertThat(a.getDouble(Tag.SliceThickness, -1)).isEqualTo(-1);
    }

    @Test
    void datesTimesDateTimesAndPersonNames() {
        Attributes a = new Attributes();
        a.setDate(Tag.StudyDate, LocalDate.of(2024, 2, 29));
        a.setTime(Tag.StudyTime, LocalTime.of(13, 5, 7, 250_000_000));
        a.setDateTime(Tag.AcquisitionDateTime, LocalDateTime.of(2023, 12, 31, 23, 59, 58));
        a.setString(Tag.SeriesDate, VR.DA, "2001.02.03"); // ACR-NEMA form
        a.setString(Tag.SeriesTime, VR.TM, "1015");
        a.setString(Tag.ContentDate, VR.DA, "garbage!");
        assertThat(a.getString(Tag.StudyDate)).isEqualTo("20240229");
        assertThat(a.getString(Tag.StudyTime)).isEqualTo("130507.250000");
        assertThat(a.getDate(Tag.StudyDate)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(a.getTime(Tag.StudyTime)).isEqualTo(LocalTime.of(13, 5, 7, 250_000_000));
        assertThat(a.getDateTime(Tag.AcquisitionDateTime)).isEqualTo(LocalDateTime.of(2023, 12, 31, 23, 59, 58));
        assertThat(a.getDateTime(Tag.StudyDate, Tag.StudyTime))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 5, 7, 250_000_000));
        assertThat(a.getDate(Tag.SeriesDate)).isEqualTo(LocalDate.of(2001, 2, 3));
        assertThat(a.getTime(Tag.SeriesTime)).isEqualTo(LocalTime.of(10, 15));
        assertThat(a.getDate(Tag.ContentDate)).isNull();
        assertThat(DateTimes.parseDateTime("2020").getYear()).isEqualTo(2020);
        assertThat(DateTimes.parseOffset("20200101120000+0130").getTotalSeconds()).isEqualTo(5400);

        a.setPersonName(Tag.PatientName, PersonName.of("Doe", "John").with(PersonName.Group.ALPHABETIC,
                PersonName.Component.SUFFIX, "Jr"));
        assertThat(a.getString(Tag.PatientName)).isEqualTo("Doe^John^^^Jr");
        PersonName pn = PersonName.parse("Yamada^Tarou=山田^太郎=やまだ^たろう");
        assertThat(pn.family()).isEqualTo("Yamada");
        assertThat(pn.get(PersonName.Group.IDEOGRAPHIC, PersonName.Component.GIVEN)).isEqualTo("太郎");
        assertThat(pn.toString()).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
    }

    @Test
    void sequencesNestAndItemsInheritOrOverrideTheCharacterSet() {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
        assertThat(a.getBytes(Tag.PatientName)).contains((byte) 0xFC); // Latin-1 ü
        Sequence seq = a.newSequence(Tag.ReferencedStudySequence);
        Attributes inherits = seq.addItem();
        inherits.setString(Tag.PatientName, VR.PN, "Strauß");
        assertThat(inherits.getBytes(Tag.PatientName)).contains((byte) 0xDF);
        assertThat(inherits.getString(Tag.PatientName)).isEqualTo("Strauß");
        Attributes own = seq.addItem();
        own.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        own.setString(Tag.PatientName, VR.PN, "Strauß");
        assertThat(own.getBytes(Tag.PatientName)).contains((byte) 0xC3, (byte) 0x9F); // UTF-8 ß
        assertThat(own.getString(Tag.PatientName)).isEqualTo("Strauß");
        assertThat(a.getSequence(Tag.ReferencedStudySequence)).hasSize(2);
        assertThat(own.parent()).isSameAs(a);
        Attributes copy = new Attributes(a);
        assertThat(copy).isEqualTo(a);
        copy.getSequence(Tag.ReferencedStudySequence).get(0).setString(Tag.PatientID, VR.LO, "x");
        assertThat(copy).isNotEqualTo(a);
    }

    @Test
    void privateCreatorBlocksAreReservedFoundAndMapped() {
        Attributes a = new Attributes();
        a.setString(0x00190010, VR.LO, "OTHER");
        int tag = a.reservePrivateTag("ACME 1.0", 0x0019, 0x20);
        assertThat(tag).isEqualTo(0x00191120);
        assertThat(a.getString(0x00190011)).isEqualTo("ACME 1.0");
        a.setString(tag, VR.LO, "value");
        assertThat(a.findPrivateTag("ACME 1.0", 0x0019, 0x20)).isEqualTo(tag);
        assertThat(a.reservePrivateTag("ACME 1.0", 0x0019, 0x21)).isEqualTo(0x00191121);
        assertThat(a.findPrivateTag("NOBODY", 0x0019, 0x20)).isEqualTo(-1);
        assertThat(a.getPrivateCreator(0x00191120)).isEqualTo("ACME 1.0");
        assertThat(a.getPrivateCreator(0x00191020)).isEqualTo("OTHER");
        assertThatThrownBy(() -> a.reservePrivateTag("ACME", 0x0010, 0x10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void elementsStaySortedByUnsignedTag() throws Exception {
        Attributes a = new Attributes();
        a.setString(0xFFFAFFFA, VR.OB, "1");
        a.setString(Tag.PatientName, VR.PN, "x");
        a.setInt(Tag.Rows, VR.US, 1);
        a.setString(0x00080016, VR.UI, "1.2");
        assertThat(a.tags()).containsExactly(0x00080016, Tag.PatientName, Tag.Rows, 0xFFFAFFFA);
        assertThat(a.remove(Tag.Rows)).isNotNull();
        assertThat(a.tags()).containsExactly(0x00080016, Tag.PatientName, 0xFFFAFFFA);
        StringBuilder visited = new StringBuilder();
        a.accept((attrs, tag, vr, value) -> visited.append(vr).append(' ') != null, true);
        assertThat(visited.toString()).isEqualTo("UI PN OB ");
    }
}
