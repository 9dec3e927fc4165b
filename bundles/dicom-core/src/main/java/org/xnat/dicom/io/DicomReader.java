package org.xnat.dicom.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.BulkDataReference;
import org.xnat.dicom.data.Fragments;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.DictionaryEntry;
import org.xnat.dicom.dict.ElementDictionary;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.io.internal.DicomInput;

/**
 * Streaming reader of DICOM Part 10 files and bare datasets (PS3.5, PS3.10). The constructor reads the
 * preamble and File Meta Information if present (or detects the encoding of a bare dataset);
 * {@link #readDataset()} reads the dataset. Every length read from the input is checked against the
 * enclosing item and the data actually available, so bad input ends in a {@link DicomParseException},
 * never in an OutOfMemoryError.
 *
 * <pre>{@code try (DicomReader r = DicomReader.open(path)) {
 *     Attributes fmi = r.fileMetaInformation();      // null without meta information
 *     Attributes ds = r.readDataset();
 * }
 * // header only, then stream pixel data without holding it:
 * try (DicomReader r = new DicomReader(in, ReadOptions.defaults().stopBeforePixelData(true));
 *      DicomWriter w = new DicomWriter(out)) {
 *     Attributes header = r.readDataset();
 *     w.writeFileMetaInformation(FileMetaInformation.create(header, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
 *     w.writeDataset(header);
 *     if (r.atPixelData()) { r.transferPixelData(w); w.writeDataset(r.readDataset()); }
 * }}</pre>
 */
public final class DicomReader implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DicomReader.class);
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int COPY_CHUNK = 1 << 16;

    private final DicomInput in;
    private final ReadOptions options;
    private final Path file;
    private byte[] preamble;
    private Attributes fileMetaInformation;
    private TransferSyntax transferSyntax;
    private boolean explicitVR;
    private boolean bigEndian;
    private int currentTag = -1;

    private boolean atPixelData;
    private boolean pixelDataPassed;
    private VR pixelDataVR;
    private long pixelDataLength;

    public DicomReader(InputStream in) throws IOException {
        this(in, ReadOptions.defaults());
    }

    public DicomReader(InputStream in, ReadOptions options) throws IOException {
        this(new DicomInput(in, -1), options, null);
    }

    private DicomReader(DicomInput in, ReadOptions options, Path file) throws IOException {
        this.in = in;
        this.options = options;
        this.file = file;
        try {
            start();
        } catch (EOFException e) {
            in.close();
            throw new DicomParseException("Unexpected end of data in the file header", in.position(), currentTag, e);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens a file; its size bounds every length read from it. */
    public static DicomReader open(Path file) throws IOException {
        return open(file, ReadOptions.defaults());
    }

    public static DicomReader open(Path file, ReadOptions options) throws IOException {
        long size = Files.size(file);
        return new DicomReader(new DicomInput(Files.newInputStream(file), size), options, file);
    }

    /** The 128-byte preamble, or {@code null} if the input had none. */
    public byte[] preamble() {
        return preamble == null ? null : preamble.clone();
    }

    /** The File Meta Information (group 0002), or {@code null} if the input had none. */
    public Attributes fileMetaInformation() {
        return fileMetaInformation;
    }

    /** The transfer syntax the dataset is read in (from the meta information, the options, or detected). */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /** Offset in the input (in the inflated data for deflated transfer syntaxes). */
    public long position() {
        return in.position();
    }

    // ------------------------------------------------------------------ header

    private void start() throws IOException {
        if (options.transferSyntax() != null) {
            useTransferSyntax(options.transferSyntax());
            return;
        }
        int n = in.peek(132);
        if (n == 132 && in.peekByte(128) == 'D' && in.peekByte(129) == 'I' && in.peekByte(130) == 'C'
                && in.peekByte(131) == 'M') {
            preamble = new byte[128];
            in.readFully(preamble, 0, 128);
            in.skip(4);
            readFileMetaInformation();
        } else if (n >= 4 && in.peekByte(0) == 'D' && in.peekByte(1) == 'I' && in.peekByte(2) == 'C'
                && in.peekByte(3) == 'M') {
            in.skip(4);
            readFileMetaInformation();
        } else if (n >= 8 && in.peekByte(0) == 0x02 && in.peekByte(1) == 0x00) {
            readFileMetaInformation(); // meta information without preamble
        } else {
            guessTransferSyntax();
        }
    }

    private void readFileMetaInformation() throws IOException {
        Attributes fmi = new Attributes();
        explicitVR = true;
        bigEndian = false;
        while (in.peek(8) >= 8 && in.peekByte(0) == 0x02 && in.peekByte(1) == 0x00) {
            if (!readElement(fmi, -1, true, false, 0, false)) {
                break;
            }
        }
        fileMetaInformation = fmi;
        String uid = fmi.getString(Tag.TransferSyntaxUID);
        if (uid == null) {
            LOG.debug("File Meta Information without Transfer Syntax UID; guessing the encoding");
            guessTransferSyntax();
            return;
        }
        useTransferSyntax(TransferSyntax.forUid(uid));
        checkDeclaredEncoding();
    }

    private void useTransferSyntax(TransferSyntax ts) {
        transferSyntax = ts;
        explicitVR = ts.isExplicitVR();
        bigEndian = ts.isBigEndian();
        if (ts.isDeflated()) {
            in.startInflating();
        }
    }

    /** Some writers declare one VR encoding and use the other: trust the first element's bytes. */
    private void checkDeclaredEncoding() throws IOException {
        if (in.peek(8) < 8 || bigEndian) {
            return;
        }
        boolean looksExplicit = isVRCode(in.peekByte(4), in.peekByte(5));
        if (explicitVR && !looksExplicit) {
            LOG.warn("Transfer syntax {} declares explicit VR but the dataset is implicit VR; reading implicit",
                    transferSyntax.uid());
            explicitVR = false;
            transferSyntax = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        } else if (!explicitVR && looksExplicit && ElementDictionary.vrOf(peekTag(false)) == VR.fromCode(
                in.peekByte(4) << 8 | in.peekByte(5))) {
            LOG.warn("Transfer syntax {} declares implicit VR but the dataset is explicit VR; reading explicit",
                    transferSyntax.uid());
            explicitVR = true;
            transferSyntax = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        }
    }

    /** A bare dataset (PS3.10 7.1 says nothing; legacy files): tell little/big endian and implicit/explicit VR. */
    private void guessTransferSyntax() throws IOException {
        int n = in.peek(8);
        if (n < 8) {
            transferSyntax = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
            explicitVR = false;
            bigEndian = false;
            return;
        }
        boolean vr = isVRCode(in.peekByte(4), in.peekByte(5));
        // a big-endian group number (0008 written as 00 08) reads as 0x0800 in little endian
        boolean be = in.peekByte(0) == 0 && in.peekByte(1) != 0;
        if (be && vr) {
            transferSyntax = TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
        } else if (vr) {
            transferSyntax = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        } else {
            transferSyntax = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        explicitVR = transferSyntax.isExplicitVR();
        bigEndian = transferSyntax.isBigEndian();
        LOG.debug("No File Meta Information; dataset read as {}", transferSyntax);
    }

    private int peekTag(boolean be) {
        int g = be ? in.peekByte(0) << 8 | in.peekByte(1) : in.peekByte(1) << 8 | in.peekByte(0);
        int e = be ? in.peekByte(2) << 8 | in.peekByte(3) : in.peekByte(3) << 8 | in.peekByte(2);
        return g << 16 | e;
    }

    private static boolean isVRCode(int a, int b) {
        return VR.fromCode(a << 8 | b) != null;
    }

    // ------------------------------------------------------------------ dataset

    /**
     * Reads the dataset up to its end, or with {@link ReadOptions#stopBeforePixelData()} up to the top-level
     * Pixel Data element. Called again after stopping, it reads on: the pixel data (unless
     * {@link #transferPixelData} or {@link #skipPixelData} consumed it) and whatever follows.
     */
    public Attributes readDataset() throws IOException {
        Attributes ds = new Attributes();
        try {
            if (atPixelData) {
                atPixelData = false;
                pixelDataPassed = true;
                readValue(ds, Tag.PixelData, pixelDataVR, pixelDataLength, explicitVR, bigEndian, 0, -1);
            }
            while (readElement(ds, -1, explicitVR, bigEndian, 0, true)) {
                // next element
            }
        } catch (EOFException e) {
            throw new DicomParseException("Unexpected end of data (truncated input)", in.position(), currentTag, e);
        }
        return ds;
    }

    /** True when {@link #readDataset()} stopped before the top-level Pixel Data element. */
    public boolean atPixelData() {
        return atPixelData;
    }

    /** VR of the pending pixel data (see {@link #atPixelData()}). */
    public VR pixelDataVR() {
        return pixelDataVR;
    }

    /** Length of the pending pixel data; -1 for encapsulated (undefined length) pixel data. */
    public long pixelDataLength() {
        return pixelDataLength == UNDEFINED ? -1 : pixelDataLength;
    }

    /** Skips the pending pixel data. */
    public void skipPixelData() throws IOException {
        requirePixelData();
        try {
            if (pixelDataLength == UNDEFINED) {
                while (true) {
                    int tag = readTag(bigEndian);
                    long len = in.i32(bigEndian) & 0xFFFFFFFFL;
                    if (tag == Tag.SequenceDelimitationItem) {
                        break;
                    }
                    checkFragment(tag, len);
                    in.skip(len);
                }
            } else {
                checkAvailable(pixelDataLength, -1);
                in.skip(pixelDataLength);
            }
        } catch (EOFException e) {
            throw new DicomParseException("Unexpected end of data in pixel data", in.position(), Tag.PixelData, e);
        }
        atPixelData = false;
        pixelDataPassed = true;
    }

    /**
     * Streams the pending pixel data element to {@code out} in chunks, never holding it in memory; native pixel
     * data is byte-swapped when the byte orders differ. Encapsulated pixel data is copied byte-exact and needs an
     * explicit VR little endian output.
     */
    public void transferPixelData(DicomWriter out) throws IOException {
        requirePixelData();
        byte[] chunk = new byte[COPY_CHUNK];
        try {
            if (pixelDataLength == UNDEFINED) {
                out.writeHeader(Tag.PixelData, pixelDataVR, -1);
                while (true) {
                    int tag = readTag(bigEndian);
                    long len = in.i32(bigEndian) & 0xFFFFFFFFL;
                    if (tag == Tag.SequenceDelimitationItem) {
                        out.writeHeader(Tag.SequenceDelimitationItem, null, 0);
                        break;
                    }
                    checkFragment(tag, len);
                    out.writeHeader(Tag.Item, null, len);
                    copy(out, len, chunk, 1);
                }
            } else {
                checkAvailable(pixelDataLength, -1);
                out.writeHeader(Tag.PixelData, pixelDataVR, pixelDataLength);
                copy(out, pixelDataLength, chunk, bigEndian != out.isBigEndian() ? pixelDataVR.swapUnit() : 1);
            }
        } catch (EOFException e) {
            throw new DicomParseException("Unexpected end of data in pixel data", in.position(), Tag.PixelData, e);
        }
        atPixelData = false;
        pixelDataPassed = true;
    }

    private void copy(DicomWriter out, long len, byte[] chunk, int swapUnit) throws IOException {
        long left = len;
        while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            in.readFully(chunk, 0, n);
            if (swapUnit > 1) {
                ByteSwap.swap(chunk, 0, n - n % swapUnit, swapUnit);
            }
            out.writeRaw(chunk, 0, n);
            left -= n;
        }
    }

    private void requirePixelData() {
        if (!atPixelData) {
            throw new IllegalStateException("Not positioned before pixel data; use stopBeforePixelData");
        }
    }

    private void checkFragment(int tag, long len) throws IOException {
        if (tag != Tag.Item) {
            throw new DicomParseException("Expected an item (FFFE,E000) in encapsulated pixel data, found "
                    + Tag.toString(tag), in.position() - 8, Tag.PixelData);
        }
        if (len == UNDEFINED) {
            throw new DicomParseException("Pixel data fragment with undefined length", in.position() - 8,
                    Tag.PixelData);
        }
        checkAvailable(len, -1);
    }

    /**
     * Reads one element into {@code target}. Returns false at the end of the enclosing item or dataset (or
     * when stopping before pixel data).
     */
    private boolean readElement(Attributes target, long end, boolean explicit, boolean be, int depth, boolean top)
            throws IOException {
        long start = in.position();
        if (end >= 0) {
            if (start == end) {
                return false;
            }
            if (end - start < 8) {
                throw new DicomParseException("Data element header crosses the end of its item at " + end, start,
                        -1);
            }
        } else if (in.atEnd()) {
            if (top) {
                return false;
            }
            throw new DicomParseException("End of data inside an undefined-length item (no item delimiter)",
                    start, -1);
        }
        int tag = readTag(be);
        currentTag = tag;
        if (tag == Tag.ItemDelimitationItem) {
            in.i32(be);
            if (top) {
                LOG.debug("Ignoring an item delimiter in the top-level dataset at {}", start);
                return true;
            }
            return false;
        }
        if (tag == Tag.SequenceDelimitationItem) {
            in.i32(be);
            if (top) {
                LOG.debug("Ignoring a sequence delimiter in the top-level dataset at {}", start);
                return true;
            }
            throw new DicomParseException("Sequence delimiter inside an item (missing item delimiter)", start, tag);
        }
        if (tag == Tag.Item) {
            throw new DicomParseException("Item tag outside a sequence", start, tag);
        }
        VR vr;
        long len;
        if (explicit && in.peek(2) == 2 && isVRCode(in.peekByte(0), in.peekByte(1))) {
            vr = VR.fromCode(in.u16(true));
            len = vr.hasLongHeader() ? skipReservedThenLength(be) : in.u16(be);
        } else if (explicit && in.peek(2) == 2 && isUpper(in.peekByte(0)) && isUpper(in.peekByte(1))) {
            in.u16(true); // a VR unknown to this version: 32-bit length, read as UN (PS3.5 6.2)
            vr = VR.UN;
            len = skipReservedThenLength(be);
        } else {
            // implicit VR (or an explicit-VR dataset with an implicitly encoded element)
            len = in.i32(be) & 0xFFFFFFFFL;
            vr = implicitVR(target, tag);
        }
        if (top && tag == Tag.PixelData && options.stopBeforePixelData() && !pixelDataPassed) {
            atPixelData = true;
            pixelDataVR = vr;
            pixelDataLength = len;
            return false;
        }
        readValue(target, tag, vr, len, explicit, be, depth, end);
        return true;
    }

    private static boolean isUpper(int c) {
        return c >= 'A' && c <= 'Z';
    }

    private long skipReservedThenLength(boolean be) throws IOException {
        in.u16(be);
        return in.i32(be) & 0xFFFFFFFFL;
    }

    private VR implicitVR(Attributes target, int tag) {
        if (Tag.isPrivate(tag) && !Tag.isPrivateCreator(tag)) {
            return ElementDictionary.vrOf(target.getPrivateCreator(tag), tag);
        }
        VR vr = ElementDictionary.vrOf(tag);
        if (vr == VR.US) { // "US or SS": signed when Pixel Representation says so
            DictionaryEntry e = ElementDictionary.entry(tag).orElse(null);
            if (e != null && e.vrs().contains(VR.SS) && pixelRepresentation(target) == 1) {
                return VR.SS;
            }
        }
        return vr;
    }

    private static int pixelRepresentation(Attributes a) {
        for (Attributes x = a; x != null; x = x.parent()) {
            if (x.contains(Tag.PixelRepresentation)) {
                return x.getInt(Tag.PixelRepresentation, 0);
            }
        }
        return 0;
    }

    private void readValue(Attributes target, int tag, VR vr, long len, boolean explicit, boolean be, int depth,
            long end) throws IOException {
        if (len == UNDEFINED) {
            if (vr == VR.SQ) {
                readSequence(target, tag, len, explicit, be, depth, end);
            } else if (vr == VR.UN) {
                // PS3.5 6.2.2: UN of undefined length is a sequence encoded in implicit VR little endian
                readSequence(target, tag, len, false, false, depth, end);
            } else if (vr.isBinary() || tag == Tag.PixelData) {
                readFragments(target, tag, vr, be, end);
            } else if (!explicit) {
                readSequence(target, tag, len, false, be, depth, end); // private sequence unknown to the dictionary
            } else {
                throw new DicomParseException("Undefined length for VR " + vr, in.position(), tag);
            }
            return;
        }
        if (vr == VR.SQ) {
            readSequence(target, tag, len, explicit, be, depth, end);
            return;
        }
        checkAvailable(len, end);
        if (len > Integer.MAX_VALUE - 8 && !(file != null && !in.isInflating())) {
            throw new DicomParseException("Value of " + len + " bytes is too large to hold in memory; stream it "
                    + "(stopBeforePixelData) or read from a file with a bulk data threshold", in.position(), tag);
        }
        if (file != null && !in.isInflating() && options.bulkDataThreshold() >= 0
                && len > options.bulkDataThreshold()) {
            target.setValue(tag, vr, BulkDataReference.ofFile(file, in.position(), len, be));
            in.skip(len);
            return;
        }
        byte[] value = in.readBytes((int) len);
        if (be && vr.swapUnit() > 1) {
            ByteSwap.swap(value, 0, value.length - value.length % vr.swapUnit(), vr.swapUnit());
        }
        target.setValue(tag, vr, value);
    }

    private void checkAvailable(long len, long end) throws IOException {
        long pos = in.position();
        if (end >= 0 && pos + len > end) {
            throw new DicomParseException("Value length " + len + " exceeds its enclosing item, which ends at " + end,
                    pos, currentTag);
        }
        long remaining = in.remaining();
        if (remaining >= 0 && len > remaining) {
            throw new DicomParseException("Value length " + len + " exceeds the " + remaining
                    + " bytes remaining (truncated or corrupt)", pos, currentTag);
        }
    }

    private void readSequence(Attributes target, int tag, long len, boolean explicit, boolean be, int depth,
            long outerEnd) throws IOException {
        if (depth >= options.maxDepth()) {
            throw new DicomParseException("Sequences nested deeper than " + options.maxDepth(), in.position(), tag);
        }
        long seqStart = in.position();
        long end = -1;
        if (len != UNDEFINED) {
            checkAvailable(len, outerEnd);
            end = seqStart + len;
        }
        Sequence seq = target.newSequence(tag);
        seq.setUndefinedLength(len == UNDEFINED);
        while (true) {
            long pos = in.position();
            if (end >= 0 && pos >= end) {
                break;
            }
            int itemTag;
            long itemLen;
            try {
                itemTag = readTag(be);
                itemLen = in.i32(be) & 0xFFFFFFFFL;
            } catch (EOFException e) {
                throw new DicomParseException("End of data inside the sequence that started at " + seqStart
                        + " (no sequence delimiter)", pos, tag, e);
            }
            if (itemTag == Tag.SequenceDelimitationItem) {
                break;
            }
            if (itemTag != Tag.Item) {
                throw new DicomParseException("Expected an item (FFFE,E000) in the sequence, found "
                        + Tag.toString(itemTag), pos, tag);
            }
            Attributes item = seq.addItem();
            item.setUndefinedLength(itemLen == UNDEFINED);
            long itemEnd = -1;
            if (itemLen != UNDEFINED) {
                // an item may overrun a wrong sequence length (seen in DICOMDIRs); it must stay inside the
                // enclosing item and the data
                long remaining = in.remaining();
                if (remaining >= 0 && itemLen > remaining && (outerEnd < 0 || in.position() + itemLen <= outerEnd)) {
                    // like dcmtk: an item cut short by the end of the file is read up to the end of the file
                    LOG.warn("Item of {} bytes at {} is cut short by the end of the data", itemLen, pos);
                    itemLen = remaining;
                }
                checkAvailable(itemLen, outerEnd);
                itemEnd = in.position() + itemLen;
                if (end >= 0 && itemEnd > end) {
                    LOG.warn("Item of {} bytes at {} overruns its sequence {}, which ends at {}", itemLen, pos,
                            Tag.toString(tag), end);
                }
            }
            while (readElement(item, itemEnd, explicit, be, depth + 1, false)) {
                // next element of the item
            }
            currentTag = tag;
        }

    }

    private void readFragments(Attributes target, int tag, VR vr, boolean be, long end) throws IOException {
        Fragments fragments = target.newFragments(tag, vr);
        while (true) {
            int itemTag;
            long len;
            try {
                itemTag = readTag(be);
                len = in.i32(be) & 0xFFFFFFFFL;
            } catch (EOFException e) {
                throw new DicomParseException("End of data inside encapsulated pixel data (no sequence delimiter)",
                        in.position(), tag, e);
            }
            if (itemTag == Tag.SequenceDelimitationItem) {
                return;
            }
            checkFragment(itemTag, len);
            checkAvailable(len, end);
            if (file != null && !in.isInflating() && options.bulkDataThreshold() >= 0
                    && len > options.bulkDataThreshold()) {
                fragments.add(BulkDataReference.ofFile(file, in.position(), len, be));
                in.skip(len);
            } else {
                if (len > Integer.MAX_VALUE - 8) {
                    throw new DicomParseException("Fragment too large to hold in memory", in.position(), tag);
                }
                fragments.add(in.readBytes((int) len));
            }
        }
    }

    private int readTag(boolean be) throws IOException {
        int group = in.u16(be);
        int element = in.u16(be);
        return group << 16 | element;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
