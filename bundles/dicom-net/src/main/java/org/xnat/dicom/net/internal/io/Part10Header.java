package org.xnat.dicom.net.internal.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.xnat.dicom.net.DicomNetworkException;

/**
 * Minimal reader of the File Meta Information of a Part 10 file (PS3.10 7.1): just what sending
 * needs (SOP class, SOP instance, transfer syntax) and where the data set starts, so the data set
 * bytes can be streamed to the network unchanged.
 */
public record Part10Header(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, long datasetOffset) {

    private static final int MAX_META_LENGTH = 64 * 1024;

    public static Part10Header read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            return read(in, file.toString());
        }
    }

    /** Reads the header; on return {@code in} is positioned at the first byte of the data set. */
    public static Part10Header read(InputStream in, String name) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("stream must support mark/reset");
        }
        byte[] pre = new byte[132];
        readFully(in, pre, name);
        if (pre[128] != 'D' || pre[129] != 'I' || pre[130] != 'C' || pre[131] != 'M') {
            throw new DicomNetworkException(name + " is not a DICOM Part 10 file (no DICM prefix)");
        }
        long offset = 132;
        String cuid = null;
        String iuid = null;
        String ts = null;
        byte[] h = new byte[12];
        while (true) {
            in.mark(8);
            int n = in.readNBytes(h, 0, 8);
            if (n < 8) {
                break;
            }
            int group = (h[0] & 0xFF) | ((h[1] & 0xFF) << 8);
            if (group != 0x0002) {
                in.reset();
                break;
            }
            int elem = (h[2] & 0xFF) | ((h[3] & 0xFF) << 8);
            String vr = new String(h, 4, 2, StandardCharsets.US_ASCII);
            long len;
            int headerLen = 8;
            if (isLongVr(vr)) {
                readFully(in, h, 8, 4, name);
                len = (h[8] & 0xFFL) | ((h[9] & 0xFFL) << 8) | ((h[10] & 0xFFL) << 16) | ((h[11] & 0xFFL) << 24);
                headerLen = 12;
            } else {
                len = (h[6] & 0xFF) | ((h[7] & 0xFF) << 8);
            }
            offset += headerLen + len;
            if (len > MAX_META_LENGTH || offset > MAX_META_LENGTH + 132) {
                throw new DicomNetworkException(name + ": File Meta Information longer than " + MAX_META_LENGTH + " bytes");
            }
            byte[] v = new byte[(int) len];
            readFully(in, v, name);
            switch (elem) {
                case 0x0002 -> cuid = text(v);
                case 0x0003 -> iuid = text(v);
                case 0x0010 -> ts = text(v);
                default -> {
                    // other meta elements are not needed for sending
                }
            }
        }
        if (cuid == null || iuid == null || ts == null) {
            throw new DicomNetworkException(name + ": File Meta Information lacks media storage SOP class/instance or transfer syntax");
        }
        return new Part10Header(cuid, iuid, ts, offset);
    }

    private static boolean isLongVr(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    private static String text(byte[] v) {
        int end = v.length;
        while (end > 0 && (v[end - 1] == 0 || v[end - 1] == ' ')) {
            end--;
        }
        return new String(v, 0, end, StandardCharsets.US_ASCII).trim();
    }

    private static void readFully(InputStream in, byte[] b, String name) throws IOException {
        readFully(in, b, 0, b.length, name);
    }

    private static void readFully(InputStream in, byte[] b, int off, int len, String name) throws IOException {
        if (in.readNBytes(b, off, len) < len) {
            throw new EOFException(name + ": truncated File Meta Information");
        }
    }
}
