package org.xnat.dicom.charset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Test-only, deliberately minimal reader of explicit VR little endian Part 10 files: it walks the
 * data set (sequences included) and returns the raw values of the text VRs together with the
 * Specific Character Set in force where each one appears (item-level (0008,0005) overrides the
 * enclosing one, PS3.3 C.12.1.1.2). It exists so the character-set tests do not depend on the
 * real reader; it rejects everything it does not understand.
 */
final class Part10TextExtractor {

    static final Set<String> TEXT_VRS = Set.of("SH", "LO", "ST", "LT", "UT", "UC", "PN");
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    record TextValue(String path, String vr, byte[] raw, SpecificCharacterSet charset) {
        String decoded() {
            return charset.decode(raw, "PN".equals(vr));
        }
    }

    private final ByteBuffer buf;
    private final List<TextValue> out = new ArrayList<>();

    private Part10TextExtractor(byte[] bytes) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static List<TextValue> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 132 || bytes[128] != 'D' || bytes[129] != 'I' || bytes[130] != 'C' || bytes[131] != 'M') {
            throw new IOException("not a Part 10 file: " + file);
        }
        Part10TextExtractor x = new Part10TextExtractor(bytes);
        x.buf.position(132);
        x.readMeta();
        x.readItem(bytes.length, "", SpecificCharacterSet.ASCII);
        return x.out;
    }

    private void readMeta() throws IOException {
        String ts = null;
        while (buf.remaining() >= 8 && buf.getShort(buf.position()) == 0x0002) {
            int tag = buf.getInt();
            String vr = vr();
            int len = length(vr);
            byte[] v = bytes(len);
            if (tag == 0x00100002) {
                ts = new String(v, StandardCharsets.US_ASCII).replace("\0", "").strip();
            }
        }
        if (!EXPLICIT_LE.equals(ts)) {
            throw new IOException("only explicit VR little endian is supported here, not " + ts);
        }
    }

    /** Reads elements until {@code end} or an item delimiter; returns after consuming it. */
    private void readItem(int end, String prefix, SpecificCharacterSet inherited) throws IOException {
        SpecificCharacterSet cs = inherited;
        while (buf.position() < end) {
            int group = buf.getShort() & 0xFFFF;
            int element = buf.getShort() & 0xFFFF;
            if (group == 0xFFFE) {
                buf.getInt();
                if (element == 0xE00D) {
                    return;
                }
                throw new IOException("unexpected (FFFE," + Integer.toHexString(element) + ")");
            }
            String tag = String.format("%04X%04X", group, element);
            String vr = vr();
            int len = length(vr);
            if ("SQ".equals(vr)) {
                readSequence(len, prefix + tag, cs);
                continue;
            }
            if (len == -1) {
                throw new IOException("undefined length only supported for SQ here: " + tag);
            }
            byte[] v = bytes(len);
            if (group == 0x0008 && element == 0x0005) {
                String s = new String(v, StandardCharsets.US_ASCII).replace("\0", "");
                cs = SpecificCharacterSet.valueOf(s.split("\\\\", -1));
            } else if (TEXT_VRS.contains(vr)) {
                out.add(new TextValue(prefix + tag, vr, v, cs));
            }
        }
    }

    private void readSequence(int len, String path, SpecificCharacterSet cs) throws IOException {
        int end = len == -1 ? buf.limit() : buf.position() + len;
        int index = 0;
        while (buf.position() < end) {
            int tag = buf.getInt();
            int itemLen = buf.getInt();
            if (tag == 0xE0DDFFFE) {
                return;
            }
            if (tag != 0xE000FFFE) {
                throw new IOException("expected item in " + path);
            }
            int itemEnd = itemLen == -1 ? buf.limit() : buf.position() + itemLen;
            readItem(itemEnd, path + "/" + index++ + "/", cs);
        }
    }

    private String vr() {
        return "" + (char) buf.get() + (char) buf.get();
    }

    private int length(String vr) throws IOException {
        if (LONG_VRS.contains(vr)) {
            buf.getShort();
            int len = buf.getInt();
            if (len != -1 && (len < 0 || len > buf.remaining())) {
                throw new IOException("bad length " + len);
            }
            return len;
        }
        return buf.getShort() & 0xFFFF;
    }

    private byte[] bytes(int len) throws IOException {
        if (len > buf.remaining()) {
            throw new IOException("value length " + len + " beyond end of file");
        }
        byte[] b = new byte[len];
        buf.get(b);
        return b;
    }
}
