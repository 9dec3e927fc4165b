package org.xnat.dicom.net.internal.dimse;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.dicom.net.DicomNetworkException;

/** Encodes and decodes query/retrieve identifiers (small data sets held in memory, size-capped). */
public final class Identifiers {
    private Identifiers() {
    }

    /** Reads a whole identifier data set; more than {@code maxLength} bytes is an error, never an allocation. */
    public static Attributes read(InputStream dataset, String transferSyntaxUid, int maxLength) throws IOException {
        CappedInputStream capped = new CappedInputStream(dataset, maxLength);
        try (DicomReader r = new DicomReader(capped, ReadOptions.defaults().transferSyntax(TransferSyntax.forUid(transferSyntaxUid)))) {
            return r.readDataset();
        }
    }

    public static byte[] write(Attributes identifier, String transferSyntaxUid) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        DicomWriter w = new DicomWriter(out);
        w.setTransferSyntax(TransferSyntax.forUid(transferSyntaxUid));
        w.writeDataset(identifier);
        w.finish();
        byte[] b = out.toByteArray();
        return b;
    }

    /** Fails once more than the cap has been read; close() does not close the source (the engine drains it). */
    static final class CappedInputStream extends FilterInputStream {
        private final long cap;
        private long count;

        CappedInputStream(InputStream in, long cap) {
            super(in);
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws DicomNetworkException {
            count += n;
            if (count > cap) {
                throw new DicomNetworkException("identifier longer than " + cap + " bytes");
            }
        }

        @Override
        public void close() {
            // the caller owns the source stream
        }
    }
}
