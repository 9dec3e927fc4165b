package org.xnat.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecificCharacterSetTest {

    private static final byte ESC = 0x1B;

    /** Bytes from a string of char codes 0..255 (so escape sequences can be written inline). */
    private static byte[] b(String latin1) {
        byte[] out = new byte[latin1.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) latin1.charAt(i);
        }
        return out;
    }

    @Test
    void noValueIsTheDefaultRepertoire() {
        assertThat(SpecificCharacterSet.valueOf()).isSameAs(SpecificCharacterSet.ASCII);
        assertThat(SpecificCharacterSet.valueOf("")).isSameAs(SpecificCharacterSet.ASCII);
        assertThat(SpecificCharacterSet.valueOf((String[]) null)).isSameAs(SpecificCharacterSet.ASCII);
        assertThat(SpecificCharacterSet.valueOf(" ", "")).isSameAs(SpecificCharacterSet.ASCII);
        assertThat(SpecificCharacterSet.ASCII.definedTerms()).isEmpty();
        assertThat(SpecificCharacterSet.ASCII.containsCodeExtensions()).isFalse();
        assertThat(SpecificCharacterSet.ASCII.decode(b("Doe^John\\X"), true)).isEqualTo("Doe^John\\X");
    }

    @Test
    void defaultRepertoireKeepsNonConformantBytesAcrossARoundTrip() {
        byte[] latin1 = b("M\u00fcller");
        String s = SpecificCharacterSet.ASCII.decode(latin1, true);
        assertThat(s).isEqualTo("M\u00fcller");
        assertThat(SpecificCharacterSet.ASCII.encode(s, true)).isEqualTo(latin1);
        assertThat(SpecificCharacterSet.ASCII.canEncode(s, true)).isFalse();
        assertThat(SpecificCharacterSet.ASCII.canEncode("Muller", true)).isTrue();
        assertThat(SpecificCharacterSet.ASCII.encode("\u0394", false)).isEqualTo(b("?"));
    }

    // Upper-half code points from the ISO 8859 / TIS 620 / JIS X 0201 tables.
    @ParameterizedTest
    @CsvSource({
        "ISO_IR 100, 233, \u00e9",
        "ISO_IR 101, 177, \u0105",
        "ISO_IR 109, 161, \u0126",
        "ISO_IR 110, 161, \u0104",
        "ISO_IR 144, 187, \u041b",
        "ISO_IR 127, 200, \u0628",
        "ISO_IR 126, 196, \u0394",
        "ISO_IR 138, 249, \u05e9",
        "ISO_IR 148, 221, \u0130",
        "ISO_IR 203, 164, \u20ac",
        "ISO_IR 166, 161, \u0e01",
        "ISO_IR 13, 177, \uff71",
    })
    void singleByteSets(String term, int code, String expected) {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf(term);
        byte[] bytes = {'A', (byte) code, '\\', (byte) code};
        assertThat(cs.decode(bytes, false)).isEqualTo("A" + expected + "\\" + expected);
        assertThat(cs.encode("A" + expected + "\\" + expected, false)).isEqualTo(bytes);
        assertThat(cs.containsCodeExtensions()).isFalse();
        assertThat(cs.hasUnknownTerms()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127",
        "ISO_IR 126", "ISO_IR 138", "ISO_IR 148", "ISO_IR 203", "ISO_IR 166", "ISO_IR 13"})
    void everyAssignedCharacterOfASingleByteSetRoundTrips(String term) {
        for (SpecificCharacterSet cs : new SpecificCharacterSet[] {
            SpecificCharacterSet.valueOf(term),
            SpecificCharacterSet.valueOf(term.replace("ISO_IR ", "ISO 2022 IR ")),
        }) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int c = 0xA0; c <= 0xFF; c++) {
                all.write(c);
            }
            String s = cs.decode(all.toByteArray(), false).replace("\ufffd", "");
            assertThat(s.length()).as(term).isGreaterThan(50);
            assertThat(cs.canEncode(s, false)).as(term).isTrue();
            assertThat(cs.decode(cs.encode(s, false), false)).as(term).isEqualTo(s);
        }
    }

    @Test
    void unrepresentableCharactersBecomeQuestionMarks() {
        SpecificCharacterSet latin1 = SpecificCharacterSet.valueOf("ISO_IR 100");
        assertThat(latin1.encode("a\u0394b", false)).isEqualTo(b("a?b"));
        assertThat(latin1.canEncode("a\u0394b", false)).isFalse();
        SpecificCharacterSet jis = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
        assertThat(jis.encode("\ud55c", false)).isEqualTo(b("?"));
        assertThat(SpecificCharacterSet.valueOf("GBK").encode("\ud83d\ude00", false)).isEqualTo(b("?"));
        assertThat(SpecificCharacterSet.valueOf("ISO_IR 192").encode("x\ud800", false)).isEqualTo(b("x?"));
    }

    // PS3.5 Annex H.3.1: Japanese, ISO 2022 IR 87 with the default repertoire as value 1.
    @Test
    void japaneseKanjiExample() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
        byte[] bytes = b("Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B=\u001b$B$d$^$@\u001b(B^\u001b$B$?$m$&\u001b(B");
        String name = "Yamada^Tarou=\u5c71\u7530^\u592a\u90ce=\u3084\u307e\u3060^\u305f\u308d\u3046";
        assertThat(cs.decode(bytes, true)).isEqualTo(name);
        assertThat(cs.encode(name, true)).isEqualTo(bytes);
        assertThat(cs.containsCodeExtensions()).isTrue();
    }

    // PS3.5 Annex H.3.2: half-width katakana (ISO 2022 IR 13) as value 1, G0 returns to ISO-IR 14.
    @Test
    void japaneseKatakanaExample() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 13", "ISO 2022 IR 87");
        byte[] bytes = b("\u00d4\u00cf\u00c0\u00de^\u00c0\u00db\u00b3=\u001b$B;3ED\u001b(J^\u001b$BB@O:\u001b(J="
                + "\u001b$B$d$^$@\u001b(J^\u001b$B$?$m$&\u001b(J");
        String name = "\uff94\uff8f\uff80\uff9e^\uff80\uff9b\uff73=\u5c71\u7530^\u592a\u90ce=\u3084\u307e\u3060^\u305f\u308d\u3046";
        assertThat(cs.decode(bytes, true)).isEqualTo(name);
        assertThat(cs.encode(name, true)).isEqualTo(bytes);
    }

    // PS3.5 Annex I.2: Korean, G1 re-designated after every delimiter.
    @Test
    void koreanExample() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 149");
        byte[] bytes = b("Hong^Gildong=\u001b$)C\u00fb\u00f3^\u001b$)C\u00d1\u00ce\u00d4\u00d7="
                + "\u001b$)C\u00c8\u00ab^\u001b$)C\u00b1\u00e6\u00b5\u00bf");
        String name = "Hong^Gildong=\u6d2a^\u5409\u6d1e=\ud64d^\uae38\ub3d9";
        assertThat(cs.decode(bytes, true)).isEqualTo(name);
        assertThat(cs.encode(name, true)).isEqualTo(bytes);
    }

    // PS3.5 Annex J: Chinese in UTF-8 and GB18030.
    @Test
    void chineseExamples() {
        String name = "Wang^XiaoDong=\u738b^\u5c0f\u6771=";
        byte[] utf8 = b("Wang^XiaoDong=\u00e7\u008e\u008b^\u00e5\u00b0\u008f\u00e6\u009d\u00b1=");
        SpecificCharacterSet u = SpecificCharacterSet.valueOf("ISO_IR 192");
        assertThat(u.decode(utf8, true)).isEqualTo(name);
        assertThat(u.encode(name, true)).isEqualTo(utf8);

        byte[] gb = b("Wang^XiaoDong=\u00cd\u00f5^\u00d0\u00a1\u00b6\u00ab=");
        SpecificCharacterSet g = SpecificCharacterSet.valueOf("GB18030");
        assertThat(g.decode(gb, true)).isEqualTo("Wang^XiaoDong=\u738b^\u5c0f\u4e1c=");
        assertThat(g.encode("Wang^XiaoDong=\u738b^\u5c0f\u4e1c=", true)).isEqualTo(gb);
    }

    @Test
    void gbkTrailBytesThatLookLikeDelimitersStayInsideTheCharacter() {
        // U+4E57 is 0x81 0x5C and U+4E5B is 0x81 0x5E in GBK.
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("GBK");
        byte[] bytes = {(byte) 0x81, 0x5C, '\\', (byte) 0x81, 0x5E, '^', 'A'};
        assertThat(cs.decode(bytes, true)).isEqualTo("\u4e57\\\u4e5b^A");
        assertThat(cs.encode("\u4e57\\\u4e5b^A", true)).isEqualTo(bytes);
    }

    @Test
    void gb2312AsCodeExtension() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 58");
        byte[] bytes = b("Wang^\u001b$)A\u00cd\u00f5");
        assertThat(cs.decode(bytes, true)).isEqualTo("Wang^\u738b");
        assertThat(cs.encode("Wang^\u738b", true)).isEqualTo(bytes);
    }

    @Test
    void jisX0212IsDesignatedWhenJisX0208LacksTheCharacter() {
        // U+4E02 is row 0x30, cell 0x21 of JIS X 0212 only; U+5C71 is 0x3B33 in JIS X 0208.
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159");
        byte[] bytes = b("\u001b$(D0!\u001b$B;3\u001b(B");
        assertThat(cs.encode("\u4e02\u5c71", false)).isEqualTo(bytes);
        assertThat(cs.decode(bytes, false)).isEqualTo("\u4e02\u5c71");
    }

    @Test
    void everyJisX0208CharacterRoundTrips() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(b("\u001b$B"));
        for (int b1 = 0x21; b1 <= 0x7E; b1++) {
            for (int b2 = 0x21; b2 <= 0x7E; b2++) {
                all.write(b1);
                all.write(b2);
            }
        }
        String s = cs.decode(all.toByteArray(), false).replace("\ufffd", "");
        assertThat(s.length()).isGreaterThan(6800); // JIS X 0208 assigns 6879 characters
        assertThat(cs.decode(cs.encode(s, false), false)).isEqualTo(s);
    }

    @Test
    void everyKsX1001CharacterRoundTrips() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 149");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(b("\u001b$)C"));
        for (int b1 = 0xA1; b1 <= 0xFE; b1++) {
            for (int b2 = 0xA1; b2 <= 0xFE; b2++) {
                all.write(b1);
                all.write(b2);
            }
        }
        String s = cs.decode(all.toByteArray(), false).replace("\ufffd", "");
        assertThat(s.length()).isGreaterThan(8000); // KS X 1001: 2350 Hangul + 4888 Hanja + symbols
        assertThat(cs.decode(cs.encode(s, false), false)).isEqualTo(s);
    }

    @Test
    void designationReturnsToValueOneAtDelimiters() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 126");
        // ESC - F designates Greek to G1; 0xC4 is Greek Delta there and A-umlaut in Latin-1.
        assertThat(cs.decode(b("\u001b-F\u00c4\\\u00c4"), false)).isEqualTo("\u0394\\\u00c4");
        assertThat(cs.decode(b("\u001b-F\u00c4^\u00c4"), true)).isEqualTo("\u0394^\u00c4");
        assertThat(cs.decode(b("\u001b-F\u00c4=\u00c4"), true)).isEqualTo("\u0394=\u00c4");
        assertThat(cs.decode(b("\u001b-F\u00c4^\u00c4"), false)).isEqualTo("\u0394^\u0394");
        assertThat(cs.decode(b("\u001b-F\u00c4\r\n\u00c4\u001b-F\u00c4\t\u00c4\u001b-F\u00c4\f\u00c4"), false))
                .isEqualTo("\u0394\r\n\u00c4\u0394\t\u00c4\u0394\f\u00c4");
        // The encoder restores value 1 before the delimiter, as PS3.5 6.1.2.5.3 requires.
        byte[] encoded = cs.encode("\u0394\\\u00c4", false);
        assertThat(encoded).isEqualTo(b("\u001b-F\u00c4\u001b-A\\\u00c4"));
        assertThat(cs.decode(encoded, false)).isEqualTo("\u0394\\\u00c4");
    }

    @Test
    void twoByteG0IsLeftBeforeTheEndOfTheValueAndBeforeSpaces() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
        assertThat(cs.encode("\u5c71 \u5c71", false)).isEqualTo(b("\u001b$B;3\u001b(B \u001b$B;3\u001b(B"));
    }

    @Test
    void valueOneWrittenWithoutIso2022IsAccepted() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 100", "ISO 2022 IR 126");
        assertThat(cs.decode(b("\u00e9\u001b-F\u00c4"), false)).isEqualTo("\u00e9\u0394");
        assertThat(cs.hasUnknownTerms()).isFalse();
    }

    @Test
    void unknownTermsFallBackToLatin1AndAreReported() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 999");
        assertThat(cs.hasUnknownTerms()).isTrue();
        assertThat(cs.unknownTerms()).containsExactly("ISO_IR 999");
        assertThat(cs.decode(b("J\u00e9r\u00f4me"), true)).isEqualTo("J\u00e9r\u00f4me");
        assertThat(cs.encode("J\u00e9r\u00f4me", true)).isEqualTo(b("J\u00e9r\u00f4me"));

        SpecificCharacterSet mixed = SpecificCharacterSet.valueOf("", "X-UNKNOWN", "ISO 2022 IR 87");
        assertThat(mixed.unknownTerms()).containsExactly("X-UNKNOWN");
        assertThat(mixed.decode(b("\u001b$B;3\u001b(B"), false)).isEqualTo("\u5c71");

        assertThat(SpecificCharacterSet.valueOf("ISO_IR 192", "ISO 2022 IR 87").unknownTerms())
                .containsExactly("ISO 2022 IR 87");
    }

    @Test
    void termsAreNormalized() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf(" iso_ir 100 ");
        assertThat(cs).isEqualTo(SpecificCharacterSet.valueOf("ISO_IR 100"));
        assertThat(cs.definedTerms()).containsExactly("ISO_IR 100");
        assertThat(cs.hasUnknownTerms()).isFalse();
        assertThat(cs.toString()).contains("ISO_IR 100");
    }

    @Test
    void malformedBytesDecodeToReplacementCharacters() {
        assertThat(SpecificCharacterSet.valueOf("", "ISO 2022 IR 87").decode(b("\u001b$B;"), false)).isEqualTo("\ufffd");
        assertThat(SpecificCharacterSet.valueOf("", "ISO 2022 IR 149").decode(b("\u001b$)C\u00a1A"), false))
                .isEqualTo("\ufffdA");
        assertThat(SpecificCharacterSet.valueOf("ISO_IR 192").decode(b("a\u00ff"), false)).isEqualTo("a\ufffd");
        // An unknown escape sequence is kept as characters.
        assertThat(SpecificCharacterSet.valueOf("", "ISO 2022 IR 87").decode(b("\u001b(Zx"), false)).isEqualTo("\u001b(Zx");
        // Without code extensions ESC is an ordinary byte.
        assertThat(SpecificCharacterSet.valueOf("ISO_IR 100").decode(b("\u001b$B;3"), false)).isEqualTo("\u001b$B;3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ISO_IR 100", "ISO_IR 13", "ISO_IR 192", "GB18030", "GBK", "ISO 2022 IR 87",
        "ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159", "\\ISO 2022 IR 149", "\\ISO 2022 IR 58", "ISO_IR 9999"})
    void randomBytesNeverThrow(String terms) {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf(terms.split("\\\\", -1));
        Random random = new Random(terms.hashCode());
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            if (i % 3 == 0 && bytes.length > 0) {
                bytes[0] = ESC;
            }
            boolean pn = i % 2 == 0;
            assertThatCode(() -> cs.encode(cs.decode(bytes, pn), pn)).doesNotThrowAnyException();
        }
    }

    @Test
    void decodesARange() {
        byte[] bytes = b("xxJ\u00e9yy");
        assertThat(SpecificCharacterSet.valueOf("ISO_IR 100").decode(bytes, 2, 2, false)).isEqualTo("J\u00e9");
    }
}
