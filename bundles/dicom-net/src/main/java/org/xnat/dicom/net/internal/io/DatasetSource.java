package org.xnat.dicom.net.internal.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.ReadOptions;
import java.util.Optional;

import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.NoPresentationContextException;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.internal.assoc.AssociationImpl;
import org.xnat.dicom.net.internal.assoc.AssociationImpl.DatasetWriter;

/**
 * Writes a data set to the network either unchanged or converted between uncompressed transfer
 * syntaxes (pixel data streamed, only the header in memory).
 */
public final class DatasetSource {
    private DatasetSource() {
    }

    public static boolean canConvert(String from, String to) {
        return from.equals(to) || (TransferSyntax.forUid(from).isUncompressed() && TransferSyntax.forUid(to).isUncompressed());
    }

    /** A writer that copies {@code in} as is, or converts it from {@code from} to {@code to}. */
    public static DatasetWriter writer(InputStream in, String from, String to) throws DicomNetworkException {
        if (from.equals(to)) {
            return in::transferTo;
        }
        if (!canConvert(from, to)) {
            throw new DicomNetworkException("cannot convert " + from + " to " + to + " without a codec");
        }
        return out -> {
            try (DicomReader r = new DicomReader(in, ReadOptions.defaults().transferSyntax(TransferSyntax.forUid(from))
                    .stopBeforePixelData(true))) {
                DicomWriter w = new DicomWriter(new NonClosing(out));
                w.setTransferSyntax(TransferSyntax.forUid(to));
                w.writeDataset(r.readDataset());
                if (r.atPixelData()) {
                    r.transferPixelData(w);
                    w.writeDataset(r.readDataset());
                }
                w.finish();
            }
        };
    }

    /** The exact transfer syntax if accepted, else one the data converts to (Explicit VR LE preferred). */
    public static PresentationContext contextForSending(AssociationImpl a, String sopClassUid, String transferSyntaxUid)
            throws NoPresentationContextException {
        Optional<PresentationContext> exact = a.acceptedPresentationContext(sopClassUid, transferSyntaxUid);
        if (exact.isPresent()) {
            return exact.get();
        }
        PresentationContext best = null;
        for (PresentationContext pc : a.acceptedPresentationContexts()) {
            if (pc.abstractSyntax().equals(sopClassUid) && canConvert(transferSyntaxUid, pc.transferSyntax())
                    && (best == null || pc.transferSyntax().equals("1.2.840.10008.1.2.1"))) {
                best = pc;
            }
        }
        if (best == null) {
            throw new NoPresentationContextException(a.label() + ": no accepted presentation context for " + sopClassUid
                    + " with transfer syntax " + transferSyntaxUid + " or one it converts to");
        }
        return best;
    }

    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the PDV stream is closed by the association, which sends the last fragment
        }
    }
}
