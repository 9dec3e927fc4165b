package org.xnat.dicom.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.BulkDataReference;
import org.xnat.dicom.data.Fragments;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;

/**
 * Streaming writer of Part 10 files and bare datasets in Implicit VR LE, Explicit VR LE, Explicit VR BE and
 * Deflated Explicit VR LE (binary values byte-swapped per VR for big endian). Encapsulated pixel data is
 * written as it is held (byte-exact); converting it between compressed transfer syntaxes needs a codec and is
 * not done here.
 *
 * <pre>{@code try (DicomWriter w = new DicomWriter(Files.newOutputStream(path))) {
 *     w.writeFileMetaInformation(FileMetaInformation.create(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
 *     w.writeDataset(ds);
 * }
 * // bare dataset (e.g. a P-DATA payload):
 * DicomWriter w = new DicomWriter(out); w.setTransferSyntax(ts); w.writeDataset(ds); w.finish();}</pre>
 */
public final class DicomWriter implements Closeable, Flushable {

    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final OutputStream raw;
    private final WriteOptions options;
    private OutputStream out;
    private DeflaterOutputStream deflater;
    private TransferSyntax transferSyntax;
    private boolean explicitVR = true;
    private boolean bigEndian;
    private final byte[] header = new byte[12];

    public DicomWriter(OutputStream out) {
        this(out, WriteOptions.defaults());
    }

    public DicomWriter(OutputStream out, WriteOptions options) {
        this.raw = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.out = raw;
        this.options = options;
    }

    public static DicomWriter create(Path file) throws IOException {
        return new DicomWriter(Files.newOutputStream(file));
    }

    public boolean isBigEndian() {
        return bigEndian;
    }

    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /**
     * Writes the 128-byte zero preamble, "DICM" and the File Meta Information (group 0002, explicit VR little
     * endian, with its group length computed), then switches to the transfer syntax named in it.
     */
    public void writeFileMetaInformation(Attributes fmi) throws IOException {
        writeFileMetaInformation(fmi, new byte[128]);
    }

    /** Like {@link #writeFileMetaInformation(Attributes)}; {@code preamble == null} writes neither preamble nor "DICM". */
    public void writeFileMetaInformation(Attributes fmi, byte[] preamble) throws IOException {
        String tsUid = fmi.getString(Tag.TransferSyntaxUID);
        if (tsUid == null) {
            throw new IllegalArgumentException("File Meta Information needs (0002,0010) Transfer Syntax UID");
        }
        if (transferSyntax != null) {
            throw new IllegalStateException("Transfer syntax already set; the meta information comes first");
        }
        if (preamble != null) {
            if (preamble.length != 128) {
                throw new IllegalArgumentException("The preamble has 128 bytes, not " + preamble.length);
            }
            out.write(preamble);
            out.write(new byte[] {'D', 'I', 'C', 'M'});
        }
        explicitVR = true;
        bigEndian = false;
        long groupLength = 0;
        for (int i = 0; i < fmi.size(); i++) {
            int tag = fmi.tagAt(i);
            if (Tag.group(tag) == 2 && tag != Tag.FileMetaInformationGroupLength) {
                groupLength += elementLength(tag, fmi.vrAt(i), fmi.valueAt(i));
            }
        }
        writeHeader(Tag.FileMetaInformationGroupLength, VR.UL, 4);
        writeInt((int) groupLength);
        for (int i = 0; i < fmi.size(); i++) {
            int tag = fmi.tagAt(i);
            if (Tag.group(tag) == 2 && tag != Tag.FileMetaInformationGroupLength) {
                writeElement(fmi, tag, fmi.vrAt(i), fmi.valueAt(i));
            }
        }
        setTransferSyntax(TransferSyntax.forUid(tsUid));
    }

    /** Sets the encoding of what follows (for bare datasets, or implied by the meta information). */
    public void setTransferSyntax(TransferSyntax ts) {
        if (transferSyntax != null && !transferSyntax.equals(ts)) {
            throw new IllegalStateException("Transfer syntax already set to " + transferSyntax);
        }
        transferSyntax = ts;
        explicitVR = ts.isExplicitVR();
        bigEndian = ts.isBigEndian();
        if (ts.isDeflated() && deflater == null) {
            deflater = new DeflaterOutputStream(raw, new Deflater(options.deflateLevel(), true), 1 << 16);
            out = deflater;
        }
    }

    /** Writes every element of a dataset (or the rest of one, after streamed pixel data). */
    public void writeDataset(Attributes ds) throws IOException {
        requireTransferSyntax();
        writeElements(ds);
    }

    /**
     * Writes an element header for streaming a value: {@code length} -1 for undefined length. For
     * {@link Tag#Item}, {@link Tag#ItemDelimitationItem} and {@link Tag#SequenceDelimitationItem} the VR is
     * ignored. The caller then writes exactly {@code length} value bytes with {@link #writeRaw}, already in this
     * writer's byte order.
     */
    public void writeHeader(int tag, VR vr, long length) throws IOException {
        long len = length < 0 ? UNDEFINED : length;
        put16(0, tag >>> 16);
        put16(2, tag & 0xFFFF);
        if (Tag.group(tag) == 0xFFFE || !explicitVR) {
            put32(4, (int) len);
            out.write(header, 0, 8);
            return;
        }
        VR v = vr;
        if (!v.hasLongHeader() && len > 0xFFFF) {
            v = VR.UN; // too long for a 16-bit length field: PS3.5 allows UN with a 32-bit length
        }
        header[4] = (byte) (v.code() >>> 8);
        header[5] = (byte) v.code();
        if (v.hasLongHeader()) {
            header[6] = 0;
            header[7] = 0;
            put32(8, (int) len);
            out.write(header, 0, 12);
        } else {
            put16(6, (int) len);
            out.write(header, 0, 8);
        }
    }

    public void writeRaw(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** Completes the deflate stream (if any) and flushes, leaving the underlying stream open. */
    public void finish() throws IOException {
        if (deflater != null) {
            deflater.finish();
        }
        raw.flush();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            if (deflater != null) {
                deflater.close();
            } else {
                raw.close();
            }
        }
    }

    // ------------------------------------------------------------------ elements

    private void writeElements(Attributes ds) throws IOException {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tag.isGroupLength(tag) && options.groupLengths() != WriteOptions.GroupLengths.KEEP) {
                if (options.groupLengths() == WriteOptions.GroupLengths.REMOVE) {
                    continue;
                }
                writeHeader(tag, VR.UL, 4);
                writeInt((int) groupLength(ds, i));
                continue;
            }
            writeElement(ds, tag, ds.vrAt(i), ds.valueAt(i));
        }
    }

    private long groupLength(Attributes ds, int groupLengthIndex) {
        int group = Tag.group(ds.tagAt(groupLengthIndex));
        long len = 0;
        for (int j = groupLengthIndex + 1; j < ds.size() && Tag.group(ds.tagAt(j)) == group; j++) {
            len += elementLength(ds.tagAt(j), ds.vrAt(j), ds.valueAt(j));
        }
        return len;
    }

    private void writeElement(Attributes ds, int tag, VR vr, Object value) throws IOException {
        if (value instanceof Sequence seq) {
            boolean undefined = undefined(seq.isUndefinedLength());
            writeHeader(tag, VR.SQ, undefined ? -1 : sequenceContentLength(seq));
            for (Attributes item : seq) {
                boolean itemUndefined = undefined(item.isUndefinedLength());
                writeHeader(Tag.Item, null, itemUndefined ? -1 : datasetLength(item));
                writeElements(item);
                if (itemUndefined) {
                    writeHeader(Tag.ItemDelimitationItem, null, 0);
                }
            }
            if (undefined) {
                writeHeader(Tag.SequenceDelimitationItem, null, 0);
            }
        } else if (value instanceof Fragments fragments) {
            writeHeader(tag, vr, -1);
            for (Object f : fragments) {
                if (f instanceof byte[] b) {
                    writeHeader(Tag.Item, null, b.length);
                    out.write(b);
                } else {
                    BulkDataReference ref = (BulkDataReference) f;
                    writeHeader(Tag.Item, null, ref.length());
                    copyBulk(ref, 1);
                }
            }
            writeHeader(Tag.SequenceDelimitationItem, null, 0);
        } else if (value instanceof BulkDataReference ref) {
            writeHeader(tag, vr, ref.length());
            copyBulk(ref, ref.bigEndian() != bigEndian ? vr.swapUnit() : 1);
        } else {
            byte[] b = (byte[]) value;
            writeHeader(tag, vr, b.length);
            if (bigEndian && vr.swapUnit() > 1 && b.length > 0) {
                byte[] swapped = b.clone();
                ByteSwap.swap(swapped, 0, swapped.length - swapped.length % vr.swapUnit(), vr.swapUnit());
                out.write(swapped);
            } else {
                out.write(b);
            }
        }
    }

    private void copyBulk(BulkDataReference ref, int swapUnit) throws IOException {
        byte[] chunk = new byte[1 << 16];
        long left = ref.length();
        try (InputStream in = ref.openStream()) {
            while (left > 0) {
                int n = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, left));
                if (n <= 0) {
                    throw new IOException("Bulk data " + ref.uri() + " ended " + left + " bytes early");
                }
                if (swapUnit > 1) {
                    ByteSwap.swap(chunk, 0, n - n % swapUnit, swapUnit);
                }
                out.write(chunk, 0, n);
                left -= n;
            }
        }
    }

    private boolean undefined(boolean asRead) {
        return switch (options.sequenceLengths()) {
            case AS_READ -> asRead;
            case UNDEFINED -> true;
            case DEFINED -> false;
        };
    }

    // ------------------------------------------------------------------ lengths

    /** Encoded length of a dataset's elements in the current encoding. */
    private long datasetLength(Attributes ds) {
        long len = 0;
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tag.isGroupLength(tag) && options.groupLengths() == WriteOptions.GroupLengths.REMOVE) {
                continue;
            }
            len += elementLength(tag, ds.vrAt(i), ds.valueAt(i));
        }
        return len;
    }

    private long sequenceContentLength(Sequence seq) {
        long len = 0;
        for (Attributes item : seq) {
            len += 8 + datasetLength(item) + (undefined(item.isUndefinedLength()) ? 8 : 0);
        }
        return len;
    }

    private long elementLength(int tag, VR vr, Object value) {
        long valueLength;
        VR v = vr;
        if (value instanceof Sequence seq) {
            valueLength = sequenceContentLength(seq) + (undefined(seq.isUndefinedLength()) ? 8 : 0);
            v = VR.SQ;
        } else if (value instanceof Fragments fragments) {
            valueLength = 8;
            for (Object f : fragments) {
                valueLength += 8 + (f instanceof byte[] b ? b.length : ((BulkDataReference) f).length());
            }
        } else if (value instanceof BulkDataReference ref) {
            valueLength = ref.length();
        } else {
            valueLength = ((byte[]) value).length;
        }
        if (!explicitVR) {
            return 8 + valueLength;
        }
        boolean longHeader = v.hasLongHeader() || valueLength > 0xFFFF;
        return (longHeader ? 12 : 8) + valueLength;
    }

    // ------------------------------------------------------------------ bytes

    private void requireTransferSyntax() {
        if (transferSyntax == null) {
            throw new IllegalStateException("No transfer syntax: write the meta information or set one");
        }
    }

    private void writeInt(int v) throws IOException {
        put32(0, v);
        out.write(header, 0, 4);
    }

    private void put16(int off, int v) {
        if (bigEndian) {
            header[off] = (byte) (v >>> 8);
            header[off + 1] = (byte) v;
        } else {
            header[off] = (byte) v;
            header[off + 1] = (byte) (v >>> 8);
        }
    }

    private void put32(int off, int v) {
        if (bigEndian) {
            put16(off, v >>> 16);
            put16(off + 2, v);
        } else {
            put16(off, v);
            put16(off + 2, v >>> 16);
        }
    }
}
