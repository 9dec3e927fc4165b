package org.xnat.router.examples.dicomjson.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.BulkDataReference;
import org.xnat.dicom.data.Fragments;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.json.BulkDataUriFunction;

/**
 * Names the bulk data files of one instance while its JSON is written, then writes them.
 *
 * <p>The JSON writer asks for a "BulkDataURI" for every large binary value; this names a file
 * {@code NNNN-GGGGEEEE.bin} (NNNN counts values in document order, so elements in sequence items get distinct
 * names) and returns its path relative to the JSON document. The values themselves are written afterwards
 * by {@link #writeAll}, streamed from the spooled instance, never held whole in memory.
 *
 * <p>File contents: a native value's bytes in little-endian order; for encapsulated pixel data the value
 * field of the element as PS3.5 A.4 defines it, without the closing Sequence Delimitation Item (the end of
 * the file ends it): each fragment as an Item (FFFE,E000) with its 32-bit length, the first being the Basic
 * Offset Table. Nothing is lost and a reader can split the frames again.
 */
final class BulkDataFiles implements BulkDataUriFunction {

    private static final int CHUNK = 1 << 16;

    private record Pending(String fileName, VR vr, Object value) {
    }

    private final String uriPrefix;
    private final List<Pending> pending = new ArrayList<>();

    /** @param uriPrefix relative URI of the bulk data directory, ending in '/' */
    BulkDataFiles(String uriPrefix) {
        this.uriPrefix = uriPrefix;
    }

    @Override
    public String uriFor(Attributes item, int tag, VR vr, Object value) {
        String name = String.format("%04d-%08X.bin", pending.size() + 1, tag);
        pending.add(new Pending(name, vr, value));
        return uriPrefix + name;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Writes every named value into {@code dir} (which exists), each file fsynced; returns the bytes written. */
    long writeAll(Path dir) throws IOException {
        long total = 0;
        for (Pending p : pending) {
            Path file = dir.resolve(p.fileName());
            try (OutputStream out = Files.newOutputStream(file)) {
                total += write(p.vr(), p.value(), out);
            }
            Durable.syncFile(file);
        }
        if (!pending.isEmpty()) {
            Durable.syncDirectory(dir);
        }
        return total;
    }

    private static long write(VR vr, Object value, OutputStream out) throws IOException {
        if (value instanceof byte[] bytes) {
            out.write(bytes);
            return bytes.length;
        }
        if (value instanceof BulkDataReference ref) {
            return copy(ref, vr, out);
        }
        if (value instanceof Fragments fragments) {
            long n = 0;
            for (Object fragment : fragments) {
                long length = fragment instanceof byte[] b ? b.length : ((BulkDataReference) fragment).length();
                out.write(itemHeader(0xE000, length));
                n += 8 + (fragment instanceof byte[] b ? write(b, out) : copy((BulkDataReference) fragment, VR.OB, out));
            }
            return n;
        }
        throw new IOException("Unexpected bulk data value " + value.getClass().getName());
    }

    private static long write(byte[] b, OutputStream out) throws IOException {
        out.write(b);
        return b.length;
    }

    /** (FFFE,xxxx) and a 32-bit length, little endian. */
    private static byte[] itemHeader(int element, long length) {
        return new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) element, (byte) (element >>> 8),
            (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
    }

    /** Streams a referenced value; big-endian values of multi-byte VRs are turned little-endian. */
    private static long copy(BulkDataReference ref, VR vr, OutputStream out) throws IOException {
        int unit = ref.bigEndian() ? vr.swapUnit() : 1;
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        try (InputStream in = ref.openStream()) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("delivery cancelled while writing bulk data");
                }
                if (unit > 1) {
                    swap(buffer, n, unit);
                }
                out.write(buffer, 0, n);
                total += n;
            }
        }
        if (total != ref.length()) {
            throw new IOException("Bulk data ended after " + total + " of " + ref.length() + " bytes");
        }
        return total;
    }

    /** CHUNK is a multiple of every unit (2, 4, 8), so no unit straddles two reads except at a short end. */
    private static void swap(byte[] b, int len, int unit) {
        for (int i = 0; i + unit <= len; i += unit) {
            for (int a = i, z = i + unit - 1; a < z; a++, z--) {
                byte t = b[a];
                b[a] = b[z];
                b[z] = t;
            }
        }
    }
}
