package org.xnat.router.destination.dicom.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The File Meta Information of a Part 10 stream (PS3.10 7.1), read just far enough to send the data set
 * that follows it: the 128-byte preamble, {@code DICM}, then the group 0002 elements (always Explicit VR
 * Little Endian). After {@link #read} the stream is positioned at the first byte of the data set, which
 * then goes to the network unchanged (or converted by the toolkit).
 *
 * @param sopClassUid Media Storage SOP Class UID (0002,0002)
 * @param sopInstanceUid Media Storage SOP Instance UID (0002,0003)
 * @param transferSyntaxUid Transfer Syntax UID (0002,0010): how the data set is encoded
 */
record Part10Header(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {

    /** Far more than any real meta information; a longer one is taken as corrupt, not read into memory. */
    static final int MAX_META_LENGTH = 64 * 1024;

    /** Not a Part 10 stream, or a File Meta Information that cannot be used. */
    static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /**
     * Reads the preamble and the File Meta Information.
     *
     * @param in a stream that supports mark/reset (e.g. a {@code BufferedInputStream})
     */
    static Part10Header read(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("the stream must support mark/reset");
        }
        byte[] preamble = new byte[132];
        if (in.readNBytes(preamble, 0, 132) < 132 || preamble[128] != 'D' || preamble[129] != 'I'
                || preamble[130] != 'C' || preamble[131] != 'M') {
            throw new FormatException("not a DICOM Part 10 stream (no 'DICM' after the 128-byte preamble)");
        }
        String cuid = null;
        String iuid = null;
        String ts = null;
        long total = 0;
        byte[] h = new byte[12];
        while (true) {
            in.mark(8);
            int n = in.readNBytes(h, 0, 8);
            int group = n < 2 ? -1 : (h[0] & 0xFF) | (h[1] & 0xFF) << 8;
            if (group != 0x0002) {
                // the data set starts here (or the stream ends: an empty data set)
                in.reset();
                break;
            }
            if (n < 8) {
                throw new FormatException("File Meta Information is truncated");
            }
            int element = (h[2] & 0xFF) | (h[3] & 0xFF) << 8;
            long length;
            if (hasLongLength((char) h[4], (char) h[5])) {
                readFully(in, h, 8, 4);
                length = (h[8] & 0xFFL) | (h[9] & 0xFFL) << 8 | (h[10] & 0xFFL) << 16 | (h[11] & 0xFFL) << 24;
            } else {
                length = (h[6] & 0xFF) | (h[7] & 0xFF) << 8;
            }
            total += 12 + length;
            if (length > MAX_META_LENGTH || total > MAX_META_LENGTH) {
                throw new FormatException("File Meta Information is longer than " + MAX_META_LENGTH + " bytes");
            }
            byte[] value = new byte[(int) length];
            readFully(in, value, 0, value.length);
            switch (element) {
                case 0x0002 -> cuid = uid(value);
                case 0x0003 -> iuid = uid(value);
                case 0x0010 -> ts = uid(value);
                default -> {
                    // the other meta elements describe the file, not the data set being sent
                }
            }
        }
        if (ts == null || ts.isEmpty()) {
            throw new FormatException("File Meta Information has no Transfer Syntax UID (0002,0010)");
        }
        return new Part10Header(cuid, iuid, ts);
    }

    /** VRs with a reserved field and a 32-bit length in Explicit VR (PS3.5 7.1.2). */
    private static boolean hasLongLength(char a, char b) {
        return switch ("" + a + b) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    /** UIDs are padded to even length with NUL (PS3.5 9.1); spaces are tolerated too. */
    private static String uid(byte[] v) {
        int end = v.length;
        while (end > 0 && (v[end - 1] == 0 || v[end - 1] == ' ')) {
            end--;
        }
        return new String(v, 0, end, StandardCharsets.US_ASCII).strip();
    }

    private static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        if (in.readNBytes(b, off, len) < len) {
            throw new FormatException("File Meta Information is truncated");
        }
    }
}
