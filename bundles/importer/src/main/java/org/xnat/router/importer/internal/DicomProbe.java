package org.xnat.router.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;

/**
 * Tells whether a file is DICOM and reads its header. A Part 10 file is recognised by {@code DICM} at offset 128
 * (or at offset 0, or a File Meta Information group at offset 0: writers that drop the preamble). A file without
 * any of these is taken as a bare data set only when a bounded parse of its start ({@link #SNIFF_BYTES}) in
 * implicit or explicit VR little endian yields plausible elements of group 0008 in ascending order. Every
 * candidate is then read completely (pixel data skipped, large values left in the file), so a truncated file is
 * reported as failed instead of being imported.
 */
final class DicomProbe {

    /** How much of a file without preamble is examined to decide whether it is a data set at all. */
    static final int SNIFF_BYTES = 4096;
    /** Values longer than this stay in the file while checking (memory stays bounded for any file). */
    private static final long BULK_THRESHOLD = 64 * 1024;
    /** Elements the sniff must walk (or reach the end of a tiny file) before it believes in a data set. */
    private static final int SNIFF_ELEMENTS = 3;

    private DicomProbe() {
    }

    /** How a DICOM file is laid out, which decides how it is handed to the router. */
    enum Layout {
        /** Preamble, {@code DICM}, meta: ingested byte-exact. */
        PART10,
        /** {@code DICM} and meta at offset 0: ingested with a zero preamble put in front. */
        PART10_NO_PREAMBLE,
        /** Meta information at offset 0 without {@code DICM}: ingested with preamble and {@code DICM} put in front. */
        META_ONLY,
        /** A data set alone: ingested as a data set; the router writes File Meta Information for it. */
        BARE
    }

    /**
     * The verdict on a file.
     *
     * @param dicom false: not DICOM (skipped)
     * @param layout how it is laid out, when DICOM
     * @param transferSyntax of the data set, when DICOM
     * @param header the data set without pixel data, when readable
     * @param error why a DICOM file cannot be imported, or {@code null}
     */
    record Result(boolean dicom, Layout layout, TransferSyntax transferSyntax, Attributes header, String error) {

        static Result notDicom() {
            return new Result(false, null, null, null, null);
        }

        boolean readable() {
            return dicom && error == null;
        }

        String get(int tag) {
            return header == null ? "" : header.getString(tag, "").strip();
        }
    }

    static Result probe(Path file) throws IOException {
        long size = Files.size(file);
        byte[] head = new byte[(int) Math.min(size, SNIFF_BYTES)];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n < head.length) {
                head = java.util.Arrays.copyOf(head, n);
            }
        }
        Layout layout;
        TransferSyntax bare = null;
        if (magicAt(head, 128)) {
            layout = Layout.PART10;
        } else if (magicAt(head, 0)) {
            layout = Layout.PART10_NO_PREAMBLE;
        } else if (head.length >= 8 && u16(head, 0) == 0x0002 && u16(head, 2) == 0x0000 && isVR(head, 4)) {
            layout = Layout.META_ONLY; // (0002,0000) group length, explicit VR: meta information without preamble
        } else {
            bare = sniff(head, head.length == size);
            if (bare == null) {
                return Result.notDicom();
            }
            layout = Layout.BARE;
        }
        return read(file, layout, bare);
    }

    /** Reads the whole file with the toolkit; any structural problem makes the file a failed DICOM file. */
    private static Result read(Path file, Layout layout, TransferSyntax bare) {
        ReadOptions options = ReadOptions.defaults().stopBeforePixelData(true).bulkDataThreshold(BULK_THRESHOLD);
        if (bare != null) {
            options = options.transferSyntax(bare);
        }
        try (DicomReader r = DicomReader.open(file, options)) {
            Attributes header = r.readDataset();
            TransferSyntax ts = r.transferSyntax();
            if (r.atPixelData()) {
                r.skipPixelData();
                r.readDataset(); // what follows the pixel data: also checks the file is complete
            }
            if (ts != null && ts.isDeflated() && layout == Layout.BARE) {
                return new Result(true, layout, ts, header, "deflated data set without File Meta Information");
            }
            if (header.getString(Tag.SOPInstanceUID, "").isBlank()) {
                return new Result(true, layout, ts, header, "no SOP Instance UID (0008,0018)");
            }
            if (header.getString(Tag.StudyInstanceUID, "").isBlank()) {
                return new Result(true, layout, ts, header, "no Study Instance UID (0020,000D)");
            }
            if (layout == Layout.BARE && header.getString(Tag.SOPClassUID, "").isBlank()) {
                return new Result(true, layout, ts, header, "no SOP Class UID (0008,0016) and no File Meta Information");
            }
            return new Result(true, layout, ts, header, null);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(true, layout, bare, null, "unreadable or truncated: " + why);
        }
    }

    /**
     * Walks the first elements of a would-be bare data set: explicit VR little endian first (its VR codes make a
     * false positive unlikely), then implicit. Accepted only when the first element is in group 0008 and enough
     * elements follow in ascending tag order with lengths that fit; a file smaller than the sniff window may
     * end early but must end exactly at an element boundary.
     */
    static TransferSyntax sniff(byte[] head, boolean wholeFile) {
        if (head.length < 8 || u16(head, 0) != 0x0008) {
            return null;
        }
        if (walk(head, true, wholeFile)) {
            return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        }
        if (walk(head, false, wholeFile)) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        return null;
    }

    private static boolean walk(byte[] b, boolean explicit, boolean wholeFile) {
        int pos = 0;
        int elements = 0;
        long previous = -1;
        while (elements < SNIFF_ELEMENTS) {
            if (pos == b.length) {
                return wholeFile && elements > 0; // a tiny data set that ends exactly after an element
            }
            int header = explicit && pos + 6 <= b.length && isVR(b, pos + 4) && LONG_VRS.contains(vr(b, pos + 4))
                    ? 12 : 8;
            if (pos + header > b.length) {
                return false;
            }
            int group = u16(b, pos);
            long tag = ((long) group << 16) | u16(b, pos + 2);
            if (tag <= previous || group < 0x0008 || (previous < 0 && group != 0x0008)) {
                return false; // data set elements come in ascending order, and this one must start in group 0008
            }
            previous = tag;
            long length;
            if (explicit) {
                if (!isVR(b, pos + 4)) {
                    return false;
                }
                length = header == 12 ? u32(b, pos + 8) : u16(b, pos + 6);
            } else {
                length = u32(b, pos + 4);
            }
            elements++;
            if (length == 0xFFFFFFFFL) {
                return elements >= 2; // a sequence of undefined length: its items are not walked
            }
            if (length % 2 != 0) {
                return false; // DICOM values have even lengths
            }
            long next = pos + header + length;
            if (next > b.length) {
                // the value leaves the window: plausible for a large value in a large file, never past a file's end
                return !wholeFile && elements >= 2;
            }
            pos = (int) next;
        }
        return true;
    }

    private static String vr(byte[] b, int pos) {
        return new String(b, pos, 2, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static final java.util.Set<String> LONG_VRS = java.util.Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ",
            "SV", "UC", "UN", "UR", "UT", "UV");

    private static boolean isVR(byte[] b, int pos) {
        if (pos + 2 > b.length) {
            return false;
        }
        int a = b[pos];
        int c = b[pos + 1];
        return a >= 'A' && a <= 'Z' && c >= 'A' && c <= 'Z' && KNOWN_VRS.contains("" + (char) a + (char) c);
    }

    private static final java.util.Set<String> KNOWN_VRS = java.util.Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT",
            "FL", "FD", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV",
            "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV");

    private static boolean magicAt(byte[] b, int pos) {
        return b.length >= pos + 4 && b[pos] == 'D' && b[pos + 1] == 'I' && b[pos + 2] == 'C' && b[pos + 3] == 'M';
    }

    private static int u16(byte[] b, int pos) {
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int pos) {
        return (b[pos] & 0xFFL) | (b[pos + 1] & 0xFFL) << 8 | (b[pos + 2] & 0xFFL) << 16 | (b[pos + 3] & 0xFFL) << 24;
    }
}
