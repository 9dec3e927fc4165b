package org.xnat.dicom.charset.internal;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Single-byte character sets, with or without ISO 2022 code extensions (PS3.5 6.1.2.5).
 *
 * <p>Decoding: bytes 0x00..0x7F go through the set in G0, 0x80..0xFF through the set in G1
 * (DICOM uses no shift functions). With code extensions, ESC sequences re-designate G0/G1, and
 * both return to the initial designation (from value 1 of (0008,0005)) at CR, LF, FF, TAB, the
 * value delimiter '\' and, for PN, at '^' and '=' (PS3.5 6.1.2.5.3). While G0 holds a two-byte
 * set those delimiter bytes are character bytes, so they reset only while G0 is single-byte.
 *
 * <p>Encoding: every character is written with the first set that holds it, preferring the sets
 * currently designated, then the declared sets in the order of (0008,0005); escape sequences are
 * emitted when the designation changes, and the initial designation is restored before every
 * delimiter and at the end of the value, as PS3.5 6.1.2.5.3 requires. A character no declared set
 * holds is written as '?'.
 */
public final class Iso2022Codec implements TextCodec {

    private static final int ESC = 0x1B;

    private final GraphicSet initialG0;
    private final GraphicSet initialG1;
    private final GraphicSet fallbackG1;
    private final boolean latin1Fallback;
    private final boolean codeExtensions;
    private final List<GraphicSet> declared;

    /**
     * @param initialG0      G0 at the start of each value and after each delimiter (single-byte)
     * @param initialG1      G1 at the start (null: none designated)
     * @param fallbackG1     set used to decode GR bytes while no G1 is designated (never null)
     * @param latin1Fallback when encoding, write U+0080..U+00FF that no declared set holds as
     *                       ISO-8859-1 bytes, so that bytes read through the fallback survive a
     *                       round trip unchanged (used for the default repertoire and unknown terms)
     * @param codeExtensions interpret and emit escape sequences
     * @param declared       the sets that may be designated, in order of preference
     */
    public Iso2022Codec(GraphicSet initialG0, GraphicSet initialG1, GraphicSet fallbackG1,
            boolean latin1Fallback, boolean codeExtensions, List<GraphicSet> declared) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.fallbackG1 = fallbackG1;
        this.latin1Fallback = latin1Fallback;
        this.codeExtensions = codeExtensions;
        this.declared = List.copyOf(declared);
    }

    // ---------------------------------------------------------------- decoding

    @Override
    public String decode(byte[] value, int offset, int length, boolean personName) {
        StringBuilder sb = new StringBuilder(length);
        GraphicSet g0 = initialG0;
        GraphicSet g1 = initialG1;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = value[i] & 0xFF;
            if (b == ESC && codeExtensions) {
                GraphicSet designated = matchEscape(value, i, end);
                if (designated != null) {
                    if (designated.isG1()) {
                        g1 = designated;
                    } else {
                        g0 = designated;
                    }
                    i += designated.escapeRaw().length;
                    continue;
                }
                // Unknown escape sequence: keep the ESC as a character, nothing is lost.
            }
            if (b < 0x80) {
                if (g0.width() == 2 && b > 0x20 && b < 0x7F) {
                    int b2 = i + 1 < end ? value[i + 1] & 0xFF : -1;
                    if (b2 > 0x20 && b2 < 0x7F) {
                        sb.append(g0.decode(b << 8 | b2));
                        i += 2;
                    } else {
                        sb.append(GraphicSet.NONE);
                        i++;
                    }
                    continue;
                }
                if (isReset(b, personName)) {
                    g0 = initialG0;
                    g1 = initialG1;
                    sb.append((char) b);
                } else {
                    sb.append(g0.width() == 2 ? (char) b : g0.decode(b));
                }
                i++;
                continue;
            }
            GraphicSet set = g1 != null ? g1 : fallbackG1;
            if (set.width() == 2) {
                int b2 = i + 1 < end ? value[i + 1] & 0xFF : -1;
                if (b > 0xA0 && b < 0xFF && b2 > 0xA0 && b2 < 0xFF) {
                    sb.append(set.decode(b << 8 | b2));
                    i += 2;
                } else {
                    sb.append(GraphicSet.NONE);
                    i++;
                }
            } else {
                sb.append(set.decode(b));
                i++;
            }
        }
        return sb.toString();
    }

    private static GraphicSet matchEscape(byte[] value, int at, int end) {
        for (GraphicSet set : GraphicSet.ALL) {
            byte[] esc = set.escapeRaw();
            if (at + esc.length <= end && regionMatches(value, at, esc)) {
                return set;
            }
        }
        return null;
    }

    private static boolean regionMatches(byte[] value, int at, byte[] esc) {
        for (int k = 0; k < esc.length; k++) {
            if (value[at + k] != esc[k]) {
                return false;
            }
        }
        return true;
    }

    /** PS3.5 6.1.2.5.3: where the value-1 designation is active again. */
    private static boolean isReset(int c, boolean personName) {
        return c == '\\' || c == '\r' || c == '\n' || c == '\f' || c == '\t'
                || (personName && (c == '^' || c == '='));
    }

    // ---------------------------------------------------------------- encoding

    @Override
    public byte[] encode(String value, boolean personName) {
        return encode(value, personName, null);
    }

    @Override
    public boolean canEncode(String value, boolean personName) {
        boolean[] ok = {true};
        encode(value, personName, ok);
        return ok[0];
    }

    /** @param ok when non-null, set to false (and null returned) at the first unencodable character */
    private byte[] encode(String value, boolean personName, boolean[] ok) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 8);
        State st = new State(initialG0, initialG1);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80 && isReset(c, personName)) {
                restoreInitial(st, out);
                out.write(c);
            } else if (c < 0x80) {
                writeAscii(st, out, c);
            } else if (!writeOther(st, out, c)) {
                if (ok != null) {
                    ok[0] = false;
                    return null;
                }
                if (latin1Fallback && c <= 0xFF) {
                    out.write(c);
                } else {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++; // one '?' per code point
                    }
                    writeAscii(st, out, '?');
                }
            }
        }
        restoreInitial(st, out);
        return out.toByteArray();
    }

    private static final class State {
        GraphicSet g0;
        GraphicSet g1;

        State(GraphicSet g0, GraphicSet g1) {
            this.g0 = g0;
            this.g1 = g1;
        }
    }

    private void restoreInitial(State st, ByteArrayOutputStream out) {
        if (st.g0 != initialG0) {
            out.writeBytes(initialG0.escapeRaw());
            st.g0 = initialG0;
        }
        if (st.g1 != initialG1) {
            if (initialG1 != null) {
                out.writeBytes(initialG1.escapeRaw());
            }
            st.g1 = initialG1;
        }
    }

    private void writeAscii(State st, ByteArrayOutputStream out, char c) {
        if (st.g0.width() == 1 && st.g0.encode(c) >= 0) {
            out.write(c);
            return;
        }
        GraphicSet target = initialG0.encode(c) >= 0 ? initialG0 : GraphicSet.ISO_IR_6;
        if (codeExtensions) {
            out.writeBytes(target.escapeRaw());
            st.g0 = target;
        }
        // Without code extensions G0 cannot change; write the ASCII byte anyway (ISO-IR 14's two
        // differing code points are then read back as ASCII by this decoder).
        out.write(c);
    }

    private boolean writeOther(State st, ByteArrayOutputStream out, char c) {
        if (st.g1 != null && writeWith(st.g1, out, c)) {
            return true;
        }
        if (st.g0.width() == 2 && writeWith(st.g0, out, c)) {
            return true;
        }
        if (!codeExtensions) {
            return false;
        }
        for (GraphicSet set : declared) {
            int code = set.encode(c);
            if (code < 0) {
                continue;
            }
            out.writeBytes(set.escapeRaw());
            if (set.isG1()) {
                st.g1 = set;
            } else {
                st.g0 = set;
            }
            writeCode(set, out, code);
            return true;
        }
        return false;
    }

    private static boolean writeWith(GraphicSet set, ByteArrayOutputStream out, char c) {
        int code = set.encode(c);
        if (code < 0) {
            return false;
        }
        writeCode(set, out, code);
        return true;
    }

    private static void writeCode(GraphicSet set, ByteArrayOutputStream out, int code) {
        if (set.width() == 2) {
            out.write(code >> 8);
        }
        out.write(code & 0xFF);
    }
}
