package org.xnat.dicom.charset.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.HashMap;
import java.util.Map;

/**
 * One ISO 2022 graphic character set as DICOM uses it (PS3.5 6.1.2.5): either designated to G0
 * (invoked into GL, bytes 0x21..0x7E) or to G1 (invoked into GR, bytes 0xA0..0xFF). DICOM never
 * uses locking shifts, so the byte range alone says which of G0/G1 a byte belongs to.
 *
 * <p>Tables are built once, lazily, from a JDK {@link Charset} that contains the set (e.g. EUC-JP
 * holds JIS X 0208 and JIS X 0212), and are immutable afterwards.
 */
public final class GraphicSet {

    /** Unmapped code in a table. */
    static final char NONE = '\uFFFD';

    private final String name;
    private final boolean g1;
    private final int width;
    private final byte[] escape;
    private final TableBuilder builder;
    private volatile Tables tables;

    private GraphicSet(String name, boolean g1, int width, String escape, TableBuilder builder) {
        this.name = name;
        this.g1 = g1;
        this.width = width;
        this.escape = escapeBytes(escape);
        this.builder = builder;
    }

    /** Designates G0 (true: G1). */
    public boolean isG1() {
        return g1;
    }

    /** Bytes per character: 1 or 2. */
    public int width() {
        return width;
    }

    /** Full escape sequence (starting with ESC) that designates this set. */
    public byte[] escape() {
        return escape.clone();
    }

    byte[] escapeRaw() {
        return escape;
    }

    public String name() {
        return name;
    }

    /**
     * Decodes one character. For width 1, {@code code} is the byte value (0x00..0xFF); for
     * width 2, {@code (b1 << 8) | b2} with both bytes in the range of this set (GL or GR).
     *
     * @return the character, or U+FFFD when the code is not assigned in this set
     */
    public char decode(int code) {
        Tables t = tables();
        if (width == 1) {
            return t.decode[code & 0x7F];
        }
        return t.decode[((code >> 8) & 0x7F) << 7 | (code & 0x7F)];
    }

    /**
     * Encodes one character.
     *
     * @return the byte(s) as in {@link #decode(int)}, or -1 when the character is not in this set
     */
    public int encode(char c) {
        Integer code = tables().encode.get(c);
        return code == null ? -1 : code;
    }

    private Tables tables() {
        Tables t = tables;
        if (t == null) {
            synchronized (this) {
                t = tables;
                if (t == null) {
                    t = builder.build(this);
                    tables = t;
                }
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return name;
    }

    private static byte[] escapeBytes(String afterEsc) {
        byte[] b = new byte[afterEsc.length() + 1];
        b[0] = 0x1B;
        for (int i = 0; i < afterEsc.length(); i++) {
            b[i + 1] = (byte) afterEsc.charAt(i);
        }
        return b;
    }

    private record Tables(char[] decode, Map<Character, Integer> encode) {
    }

    @FunctionalInterface
    private interface TableBuilder {
        Tables build(GraphicSet set);
    }

    // ---- the sets DICOM defines (PS3.3 Table C.12-2..C.12-4) ----------------------------------

    /** ISO-IR 6 (ASCII) in G0: ESC ( B. */
    public static final GraphicSet ISO_IR_6 = new GraphicSet("ISO-IR 6", false, 1, "(B", s -> ascii(false));
    /**
     * ISO-IR 14 (JIS X 0201 Romaji) in G0: ESC ( J. It differs from ASCII only at 0x5C (YEN SIGN)
     * and 0x7E (OVERLINE); those bytes are decoded as '\' and '~' because 0x5C is the DICOM value
     * delimiter whatever G0 holds, and are never produced when encoding (ASCII is designated).
     */
    public static final GraphicSet ISO_IR_14 = new GraphicSet("ISO-IR 14", false, 1, "(J", s -> ascii(true));
    public static final GraphicSet ISO_IR_13 = new GraphicSet("ISO-IR 13", true, 1, ")I", s -> upperHalf("JIS_X0201"));
    public static final GraphicSet ISO_IR_100 = new GraphicSet("ISO-IR 100", true, 1, "-A", s -> upperHalf("ISO-8859-1"));
    public static final GraphicSet ISO_IR_101 = new GraphicSet("ISO-IR 101", true, 1, "-B", s -> upperHalf("ISO-8859-2"));
    public static final GraphicSet ISO_IR_109 = new GraphicSet("ISO-IR 109", true, 1, "-C", s -> upperHalf("ISO-8859-3"));
    public static final GraphicSet ISO_IR_110 = new GraphicSet("ISO-IR 110", true, 1, "-D", s -> upperHalf("ISO-8859-4"));
    public static final GraphicSet ISO_IR_144 = new GraphicSet("ISO-IR 144", true, 1, "-L", s -> upperHalf("ISO-8859-5"));
    public static final GraphicSet ISO_IR_127 = new GraphicSet("ISO-IR 127", true, 1, "-G", s -> upperHalf("ISO-8859-6"));
    public static final GraphicSet ISO_IR_126 = new GraphicSet("ISO-IR 126", true, 1, "-F", s -> upperHalf("ISO-8859-7"));
    public static final GraphicSet ISO_IR_138 = new GraphicSet("ISO-IR 138", true, 1, "-H", s -> upperHalf("ISO-8859-8"));
    public static final GraphicSet ISO_IR_148 = new GraphicSet("ISO-IR 148", true, 1, "-M", s -> upperHalf("ISO-8859-9"));
    public static final GraphicSet ISO_IR_203 = new GraphicSet("ISO-IR 203", true, 1, "-b", s -> upperHalf("ISO-8859-15"));
    public static final GraphicSet ISO_IR_166 = new GraphicSet("ISO-IR 166", true, 1, "-T", s -> upperHalf("TIS-620"));
    /** JIS X 0208 in G0: ESC $ B; EUC-JP carries it as the two bytes with the high bit set. */
    public static final GraphicSet ISO_IR_87 = new GraphicSet("ISO-IR 87", false, 2, "$B", s -> doubleByte("EUC-JP", -1, false));
    /** JIS X 0212 in G0: ESC $ ( D; EUC-JP carries it behind SS3 (0x8F). */
    public static final GraphicSet ISO_IR_159 = new GraphicSet("ISO-IR 159", false, 2, "$(D", s -> doubleByte("EUC-JP", 0x8F, false));
    /** KS X 1001 in G1: ESC $ ) C; EUC-KR is exactly G0=ASCII + G1=KS X 1001. */
    public static final GraphicSet ISO_IR_149 = new GraphicSet("ISO-IR 149", true, 2, "$)C", s -> doubleByte("EUC-KR", -1, true));
    /** GB 2312 in G1: ESC $ ) A; the JDK's GB2312 is EUC-CN (G0=ASCII + G1=GB 2312). */
    public static final GraphicSet ISO_IR_58 = new GraphicSet("ISO-IR 58", true, 2, "$)A", s -> doubleByte("GB2312", -1, true));

    /** Every set, for recognising escape sequences while decoding. */
    public static final GraphicSet[] ALL = {
        ISO_IR_6, ISO_IR_14, ISO_IR_13, ISO_IR_100, ISO_IR_101, ISO_IR_109, ISO_IR_110, ISO_IR_144,
        ISO_IR_127, ISO_IR_126, ISO_IR_138, ISO_IR_148, ISO_IR_203, ISO_IR_166, ISO_IR_87, ISO_IR_159,
        ISO_IR_149, ISO_IR_58,
    };

    private static Tables ascii(boolean romaji) {
        char[] dec = new char[128];
        Map<Character, Integer> enc = new HashMap<>();
        for (int b = 0; b < 128; b++) {
            dec[b] = (char) b;
            if (!(romaji && (b == 0x5C || b == 0x7E))) {
                enc.put((char) b, b);
            }
        }
        return new Tables(dec, enc);
    }

    /** Bytes 0x80..0xFF of a single-byte charset whose lower half is ASCII. */
    private static Tables upperHalf(String charsetName) {
        CharsetDecoder decoder = strictDecoder(charsetName);
        char[] dec = new char[128];
        Map<Character, Integer> enc = new HashMap<>();
        for (int b = 0x80; b <= 0xFF; b++) {
            char c = decodeOne(decoder, new byte[] {(byte) b});
            dec[b & 0x7F] = c;
            if (c != NONE) {
                enc.putIfAbsent(c, b);
            }
        }
        return new Tables(dec, enc);
    }

    /**
     * A 94x94 set, read from a charset that holds it with the high bit set on both bytes
     * (optionally behind a single-shift prefix byte).
     */
    private static Tables doubleByte(String charsetName, int prefix, boolean gr) {
        CharsetDecoder decoder = strictDecoder(charsetName);
        char[] dec = new char[128 * 128];
        java.util.Arrays.fill(dec, NONE);
        Map<Character, Integer> enc = new HashMap<>(16384);
        byte[] buf = prefix < 0 ? new byte[2] : new byte[] {(byte) prefix, 0, 0};
        int off = prefix < 0 ? 0 : 1;
        for (int b1 = 0x21; b1 <= 0x7E; b1++) {
            for (int b2 = 0x21; b2 <= 0x7E; b2++) {
                buf[off] = (byte) (b1 | 0x80);
                buf[off + 1] = (byte) (b2 | 0x80);
                char c = decodeOne(decoder, buf);
                if (c == NONE) {
                    continue;
                }
                dec[b1 << 7 | b2] = c;
                int code = gr ? ((b1 | 0x80) << 8 | (b2 | 0x80)) : (b1 << 8 | b2);
                enc.putIfAbsent(c, code);
            }
        }
        return new Tables(dec, enc);
    }

    private static CharsetDecoder strictDecoder(String charsetName) {
        return Charset.forName(charsetName).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The single BMP character the bytes decode to, or {@link #NONE}. */
    private static char decodeOne(CharsetDecoder decoder, byte[] bytes) {
        try {
            CharBuffer out = decoder.reset().decode(ByteBuffer.wrap(bytes));
            return out.length() == 1 ? out.charAt(0) : NONE;
        } catch (CharacterCodingException e) {
            return NONE;
        }
    }
}
