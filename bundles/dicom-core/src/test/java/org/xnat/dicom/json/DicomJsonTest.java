package org.xnat.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.BulkDataReference;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;

class DicomJsonTest {

    private static Attributes sample() {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        a.setString(0x00080008, VR.CS, "ORIGINAL", "", "AXIAL");
        a.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=\u5c71\u7530^\u592a\u90ce=\u3084\u307e\u3060^\u305f\u308d\u3046");
        a.setString(0x00081070, VR.PN, "Doe^John", "", "Roe^Jane");
        a.setString(0x00101030, VR.DS, "72.5", "+1", ".5", "1.", "-0.0");
        a.setString(0x00200013, VR.IS, "007");
        a.setString(0x00081030, VR.LO, "Chest \"PA\"\\back");
        a.setString(0x00204000, VR.LT, "line 1\r\nline 2\ttab");
        a.setInt(Tag.Rows, VR.US, 512);
        a.setInt(0x00280106, VR.SS, -32768);
        a.setLong(0x00281052, VR.UL, 4294967295L);
        a.setInt(0x00186020, VR.SL, Integer.MIN_VALUE);
        a.setLong(0x0018A001 & 0xFFFF0000 | 0x9001, VR.SV, Long.MIN_VALUE);
        a.setLong(0x00189002, VR.UV, -1L); // 2^64 - 1
        a.setFloat(0x00189003, VR.FL, 0.1f, Float.NaN, Float.NEGATIVE_INFINITY);
        a.setDouble(0x00189004, VR.FD, Math.PI, 1e300, -0.0);
        a.setTags(0x00209165, 0x00100010, 0x7FE00010);
        a.setBytes(0x00420011, VR.OB, new byte[] {0, 1, 2, (byte) 0xFF});
        a.setBytes(0x00660023, VR.OW, new byte[] {1, 0, 2, 0});
        a.setBytes(0x00091001, VR.UN, new byte[] {9, 8, 7, 6});
        a.setNull(0x00080050, VR.SH);
        a.newSequence(0x00081140); // empty sequence
        int priv = a.reservePrivateTag("ACME 1.0", 0x0019, 0x10);
        a.setString(priv, VR.LO, "private text");
        Sequence seq = a.newSequence(Tag.ReferencedSeriesSequence);
        Attributes item = seq.addItem();
        item.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3");
        Attributes nested = item.newSequence(0x0040A730).addItem();
        nested.setString(0x0040A160, VR.UT, "nested \u00e9");
        seq.addItem().setString(Tag.SeriesInstanceUID, VR.UI, "1.2.4");
        return a;
    }

    @Test
    void writesTheModel() throws IOException {
        String json = DicomJsonWriter.toJson(sample());
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) JsonTree.parse(json);
        assertThat(tree.get("00100010")).isEqualTo(Map.of("vr", "PN", "Value", List.of(Map.of(
                "Alphabetic", "Yamada^Tarou", "Ideographic", "\u5c71\u7530^\u592a\u90ce",
                "Phonetic", "\u3084\u307e\u3060^\u305f\u308d\u3046"))));
        assertThat(json).contains("\"00080008\":{\"vr\":\"CS\",\"Value\":[\"ORIGINAL\",null,\"AXIAL\"]}");
        assertThat(json).contains("\"00081070\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^John\"},null,{\"Alphabetic\":\"Roe^Jane\"}]}");
        assertThat(json).contains("\"00101030\":{\"vr\":\"DS\",\"Value\":[72.5,1,0.5,1,-0.0]}");
        assertThat(json).contains("\"00200013\":{\"vr\":\"IS\",\"Value\":[7]}");
        assertThat(json).contains("\"00081030\":{\"vr\":\"LO\",\"Value\":[\"Chest \\\"PA\\\"\",\"back\"]}");
        assertThat(json).contains("\"00204000\":{\"vr\":\"LT\",\"Value\":[\"line 1\\r\\nline 2\\ttab\"]}");
        assertThat(json).contains("\"00280010\":{\"vr\":\"US\",\"Value\":[512]}");
        assertThat(json).contains("\"00280106\":{\"vr\":\"SS\",\"Value\":[-32768]}");
        assertThat(json).contains("\"00281052\":{\"vr\":\"UL\",\"Value\":[4294967295]}");
        assertThat(json).contains("\"00189002\":{\"vr\":\"UV\",\"Value\":[18446744073709551615]}");
        assertThat(json).contains("\"00189003\":{\"vr\":\"FL\",\"Value\":[0.1,\"NaN\",\"-Infinity\"]}");
        assertThat(json).contains("\"00189004\":{\"vr\":\"FD\",\"Value\":[3.141592653589793,1.0E300,-0.0]}");
        assertThat(json).contains("\"00209165\":{\"vr\":\"AT\",\"Value\":[\"00100010\",\"7FE00010\"]}");
        assertThat(json).contains("\"00420011\":{\"vr\":\"OB\",\"InlineBinary\":\"AAEC/w==\"}");
        assertThat(json).contains("\"00080050\":{\"vr\":\"SH\"}");
        assertThat(json).contains("\"00081140\":{\"vr\":\"SQ\"}");
        assertThat(json).contains("\"00190010\":{\"vr\":\"LO\",\"Value\":[\"ACME 1.0\"]}");
        assertThat(json).contains("\"00191010\":{\"vr\":\"LO\",\"Value\":[\"private text\"]}");
        assertThat(json).contains("\"00081115\":{\"vr\":\"SQ\",\"Value\":[{\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]},"
                + "\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{\"0040A160\":{\"vr\":\"UT\",\"Value\":[\"nested \u00e9\"]}}]}},"
                + "{\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"1.2.4\"]}}]}");
    }

    @Test
    void roundTripsEveryVr() throws IOException {
        Attributes original = sample();
        Attributes back = DicomJsonReader.parse(DicomJsonWriter.toJson(original));
        // DS/IS text is normalised to JSON numbers ("+1" -> "1"), everything else is byte-identical.
        original.setString(0x00101030, VR.DS, "72.5", "1", "0.5", "1", "-0.0");
        original.setString(0x00200013, VR.IS, "7");
        assertThat(back).isEqualTo(original);
        assertThat(back.getSequence(Tag.ReferencedSeriesSequence).get(0).getSequence(0x0040A730).get(0)
                .getString(0x0040A160)).isEqualTo("nested \u00e9");
        // and a second round is stable
        assertThat(DicomJsonWriter.toJson(back)).isEqualTo(DicomJsonWriter.toJson(original));
    }

    @Test
    void prettyOutputReadsBackTheSame() throws IOException {
        String pretty = DicomJsonWriter.toJson(sample(), DicomJsonWriter.Options.defaults().withPretty(true));
        assertThat(pretty).contains("\n  \"00080005\": {\n    \"vr\": \"CS\",");
        assertThat(DicomJsonReader.parse(pretty)).isEqualTo(DicomJsonReader.parse(DicomJsonWriter.toJson(sample())));
    }

    @Test
    void streamsUtf8AndArraysOfDatasets() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DicomJsonWriter(bytes, DicomJsonWriter.Options.defaults()).writeAll(List.of(sample(), new Attributes()));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("[{").endsWith(",{}]").contains("\u5c71\u7530");
        List<Attributes> all = new DicomJsonReader(new ByteArrayInputStream(bytes.toByteArray()), JsonLimits.defaults()).readAll();
        assertThat(all).hasSize(2);
        assertThat(all.get(0).getString(Tag.PatientName)).startsWith("Yamada^Tarou=\u5c71\u7530");
        assertThat(all.get(1).isEmpty()).isTrue();
    }

    @Test
    void bulkDataUris() throws IOException {
        Attributes a = new Attributes();
        a.setBytes(0x00420011, VR.OB, new byte[100]);
        a.setBytes(0x00660023, VR.OW, new byte[10]);
        a.setValue(Tag.PixelData, VR.OW, new BulkDataReference("file:/data/x.dcm", 1234, 524288, false));
        a.newFragments(0x7FE00008, VR.OB).add(new byte[0]).add(new byte[] {1, 2});
        String plain = DicomJsonWriter.toJson(a);
        assertThat(plain).contains("\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"file:/data/x.dcm?offset=1234&length=524288\"}");
        assertThat(plain).contains("\"7FE00008\":{\"vr\":\"OB\"}"); // fragments need a URI
        assertThat(plain).contains("\"00420011\":{\"vr\":\"OB\",\"InlineBinary\":\"");
        Attributes back = DicomJsonReader.parse(plain);
        assertThat(back.getValue(Tag.PixelData)).isEqualTo(new BulkDataReference("file:/data/x.dcm", 1234, 524288, false));

        String withUris = DicomJsonWriter.toJson(a, DicomJsonWriter.Options.defaults()
                .withBulkData(50, (item, tag, vr, v) -> "https://pacs.example/bulk/" + String.format("%08X", tag)));
        assertThat(withUris).contains("\"00420011\":{\"vr\":\"OB\",\"BulkDataURI\":\"https://pacs.example/bulk/00420011\"}");
        assertThat(withUris).contains("\"00660023\":{\"vr\":\"OW\",\"InlineBinary\":\"AAAAAAAAAAAAAA==\"}");
        assertThat(withUris).contains("\"7FE00008\":{\"vr\":\"OB\",\"BulkDataURI\":\"https://pacs.example/bulk/7FE00008\"}");
        assertThat(DicomJsonReader.parse(withUris).getValue(0x00420011))
                .isEqualTo(new BulkDataReference("https://pacs.example/bulk/00420011", 0, -1, false));
    }

    @Test
    void textIsStoredInTheDeclaredCharacterSet() throws IOException {
        Attributes latin1 = DicomJsonReader.parse("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Buc^J\u00e9r\u00f4me\"}]}}");
        assertThat(latin1.getBytes(Tag.PatientName)).isEqualTo("Buc^J\u00e9r\u00f4me".getBytes(StandardCharsets.ISO_8859_1));

        Attributes jis = DicomJsonReader.parse("{\"00080005\":{\"vr\":\"CS\",\"Value\":[null,\"ISO 2022 IR 87\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"\u5c71\u7530^\u592a\u90ce\"}]}}");
        assertThat(new String(jis.getBytes(Tag.PatientName), StandardCharsets.ISO_8859_1))
                .isEqualTo("Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B");

        // Not representable in the declared set (or in the default one): that dataset switches to UTF-8.
        Attributes switched = DicomJsonReader.parse("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"\u738b^\u5c0f\u6771\"}]},"
                + "\"00400275\":{\"vr\":\"SQ\",\"Value\":[{\"00321060\":{\"vr\":\"LO\",\"Value\":[\"\u00e9t\u00e9\"]}}]}}");
        assertThat(switched.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
        assertThat(switched.getString(Tag.PatientName)).isEqualTo("\u738b^\u5c0f\u6771");
        assertThat(switched.getSequence(0x00400275).get(0).getBytes(0x00321060))
                .isEqualTo("\u00e9t\u00e9 ".getBytes(StandardCharsets.UTF_8));

        Attributes item = DicomJsonReader.parse("{\"00400275\":{\"vr\":\"SQ\",\"Value\":[{\"00321060\":{\"vr\":\"LO\",\"Value\":[\"\u00e9\"]}}]}}");
        assertThat(item.contains(Tag.SpecificCharacterSet)).isFalse();
        assertThat(item.getSequence(0x00400275).get(0).getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"00100010\":{\"Value\":[\"x\"]}}                            | \"vr\" must come before \"Value\"",
        "{\"00100010\":{}}                                             | has no \"vr\"",
        "{\"00100010\":{\"vr\":\"XX\"}}                                | unknown VR \"XX\"",
        "{\"0010001\":{\"vr\":\"PN\"}}                                 | 8 hex digits",
        "{\"0010001G\":{\"vr\":\"PN\"}}                                | 8 hex digits",
        "{\"00100020\":{\"vr\":\"LO\"},\"00100020\":{\"vr\":\"LO\"}}   | duplicate attribute 00100020",
        "{\"00100020\":{\"vr\":\"LO\",\"value\":[\"x\"]}}              | unknown member \"value\"",
        "{\"00100020\":{\"vr\":\"LO\",\"Value\":[1]}}                  | expected a string for LO, found a number",
        "{\"00280010\":{\"vr\":\"US\",\"Value\":[\"1\"]}}              | expected a number for US, found a string",
        "{\"00280010\":{\"vr\":\"US\",\"Value\":[65536]}}              | invalid US value \"65536\"",
        "{\"00280010\":{\"vr\":\"US\",\"Value\":[1.5]}}                | invalid US value \"1.5\"",
        "{\"00280010\":{\"vr\":\"US\",\"Value\":[null]}}               | null is not a US value",
        "{\"00209165\":{\"vr\":\"AT\",\"Value\":[\"0010\"]}}           | invalid AT value",
        "{\"00189004\":{\"vr\":\"FD\",\"Value\":[\"0x1p3\"]}}          | invalid FD value",
        "{\"7FE00010\":{\"vr\":\"OW\",\"Value\":[1]}}                  | not \"Value\"",
        "{\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\"***\"}}       | invalid base64",
        "{\"00100010\":{\"vr\":\"LO\",\"InlineBinary\":\"AA==\"}}      | InlineBinary is only for",
        "{\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\"AA==\",\"BulkDataURI\":\"x\"}} | together with",
        "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetical\":\"x\"}]}} | unknown person name member",
        "{\"00081115\":{\"vr\":\"SQ\",\"Value\":[1]}}                  | expected a sequence item object",
        "[]                                                            | expected a JSON object (dataset)",
    })
    void rejectsInvalidDicomJson(String json, String message) {
        assertThatThrownBy(() -> DicomJsonReader.parse(json))
                .isInstanceOf(DicomJsonException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("line 1, column");
    }

    @Test
    void deepNestingIsCapped() {
        String item = "{\"00081115\":{\"vr\":\"SQ\",\"Value\":[";
        String json = item.repeat(100) + "{}" + "]}}".repeat(100);
        assertThatThrownBy(() -> new DicomJsonReader(new StringReader(json), JsonLimits.defaults()).read())
                .isInstanceOf(DicomJsonException.class).hasMessageContaining("nesting deeper than 256");
        assertThatThrownBy(() -> DicomJsonReader.parse(item.repeat(10)))
                .isInstanceOf(DicomJsonException.class).hasMessageContaining("unexpected end of input");
    }

    @Test
    void acceptsStringsForNumbersWhereTextIsNeeded() throws IOException {
        Attributes a = DicomJsonReader.parse("{\"00101030\":{\"vr\":\"DS\",\"Value\":[\"72.50\",1e2,null]},"
                + "\"00189003\":{\"vr\":\"FL\",\"Value\":[\"Infinity\",1]},"
                + "\"00100020\":{\"vr\":\"lo\"}}".replace("lo", "LO"));
        assertThat(a.getStrings(0x00101030)).containsExactly("72.50", "1e2", "");
        assertThat(a.getDoubles(0x00189003)).containsExactly(Double.POSITIVE_INFINITY, 1.0);
        assertThat(a.getStrings(0x00100020)).isEmpty();
    }
}
