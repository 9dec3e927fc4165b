package org.xnat.dicom.net.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.RoleSelection;
import org.xnat.dicom.net.UserIdentity;
import org.xnat.dicom.net.internal.dimse.Command;
import org.xnat.dicom.net.internal.pdu.AssociatePdu;
import org.xnat.dicom.net.internal.pdu.PduCodec;
import org.xnat.dicom.net.internal.pdu.PduType;

/**
 * Valid byte streams a requestor sends, PDU by PDU: the seeds of the PDU fuzzers. Presentation context 1 is
 * Verification, 3 CT Image Storage in implicit VR little endian, 5 CT Image Storage in explicit VR little
 * endian, 7 an abstract syntax the server does not support.
 */
final class Sessions {

    static final String CT = UID.CTImageStorage;

    private Sessions() {
    }

    /** Each seed session as its list of PDUs. */
    static List<List<byte[]>> all() {
        List<List<byte[]>> s = new ArrayList<>();
        s.add(List.of(associateRq(false), echo(1), releaseRq()));
        s.add(List.of(associateRq(true), echo(1), store(3, 2, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, 1 << 20),
                releaseRq()));
        s.add(List.of(associateRq(false), store(5, 7, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 200), echo(8),
                releaseRq()));
        s.add(List.of(associateRq(true), abortRq()));
        s.add(List.of(associateRq(false), pdata(7, true, true, Command.request(Command.C_STORE_RQ, 9, "1.2.3.4", false)
                .encode()), releaseRq()));
        s.add(List.of(associateRq(true)));
        return s;
    }

    /** An A-ASSOCIATE-RQ with every sub-item kind the codec decodes; {@code rich} adds the optional ones. */
    static byte[] associateRq(boolean rich) {
        AssociatePdu a = new AssociatePdu();
        a.callingAeTitle = "FUZZER";
        a.calledAeTitle = "ROUTER";
        a.presentationContexts.add(PresentationContext.proposed(1, UID.Verification,
                List.of(UID.ImplicitVRLittleEndian)));
        a.presentationContexts.add(PresentationContext.proposed(3, CT, List.of(UID.ImplicitVRLittleEndian)));
        a.presentationContexts.add(PresentationContext.proposed(5, CT,
                List.of(UID.ExplicitVRLittleEndian, UID.ExplicitVRBigEndian)));
        a.presentationContexts.add(PresentationContext.proposed(7, "1.2.3.4", List.of(UID.ImplicitVRLittleEndian)));
        a.maxPduLength = 16384;
        a.implementationClassUid = "1.2.826.0.1.3680043.10.1";
        if (rich) {
            a.implementationVersionName = "FUZZ_1";
            a.maxOperationsInvoked = 4;
            a.maxOperationsPerformed = 2;
            a.roleSelections.add(new RoleSelection(CT, true, true));
            a.extendedNegotiation.put(CT, new byte[] {1, 0, 1});
            a.userIdentity = UserIdentity.usernamePasscode("fuzz", "secret".toCharArray(), true);
        }
        return PduCodec.encodeAssociate(PduType.A_ASSOCIATE_RQ, a);
    }

    static byte[] echo(int messageId) {
        return pdata(1, true, true, Command.request(Command.C_ECHO_RQ, messageId, UID.Verification, false).encode());
    }

    /**
     * A C-STORE-RQ whose data set is split into PDVs of at most {@code pdvSize} bytes, several per PDU, and
     * across PDUs: the reassembly paths.
     */
    static byte[] store(int pcid, int messageId, TransferSyntax ts, int pdvSize) {
        Command rq = Command.request(Command.C_STORE_RQ, messageId, CT, true)
                .putUid(Command.AFFECTED_SOP_INSTANCE_UID, "2.25.4242" + messageId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] cmd = rq.encode();
        out.writeBytes(pdata(pcid, true, true, cmd));
        byte[] data = dataset(ts);
        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        int perPdu = 0;
        for (int off = 0; off < data.length; off += pdvSize) {
            int n = Math.min(pdvSize, data.length - off);
            boolean last = off + n == data.length;
            pdu.writeBytes(pdv(pcid, false, last, data, off, n));
            if (++perPdu == 2 || last) {
                out.writeBytes(pdu(PduType.P_DATA_TF, pdu.toByteArray()));
                pdu.reset();
                perPdu = 0;
            }
        }
        return out.toByteArray();
    }

    static byte[] dataset(TransferSyntax ts) {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.SOPClassUID, VR.UI, CT);
        a.setString(Tag.SOPInstanceUID, VR.UI, "2.25.4242");
        a.setString(Tag.PatientName, VR.PN, "Fuzz^Peer");
        a.newSequence(Tag.ReferencedSeriesSequence).addItem().setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3");
        a.setInt(Tag.Rows, VR.US, 8);
        a.setInt(Tag.Columns, VR.US, 8);
        a.setBytes(Tag.PixelData, VR.OW, new byte[128]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(out)) {
            w.setTransferSyntax(ts);
            w.writeDataset(a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] pdata(int pcid, boolean command, boolean last, byte[] data) {
        return pdu(PduType.P_DATA_TF, pdv(pcid, command, last, data, 0, data.length));
    }

    static byte[] pdv(int pcid, boolean command, boolean last, byte[] data, int off, int n) {
        byte[] b = new byte[6 + n];
        int len = n + 2;
        b[0] = (byte) (len >>> 24);
        b[1] = (byte) (len >>> 16);
        b[2] = (byte) (len >>> 8);
        b[3] = (byte) len;
        b[4] = (byte) pcid;
        b[5] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
        System.arraycopy(data, off, b, 6, n);
        return b;
    }

    static byte[] pdu(int type, byte[] body) {
        byte[] b = new byte[6 + body.length];
        b[0] = (byte) type;
        b[2] = (byte) (body.length >>> 24);
        b[3] = (byte) (body.length >>> 16);
        b[4] = (byte) (body.length >>> 8);
        b[5] = (byte) body.length;
        System.arraycopy(body, 0, b, 6, body.length);
        return b;
    }

    static byte[] releaseRq() {
        return PduCodec.encodeReleaseRq();
    }

    static byte[] abortRq() {
        return PduCodec.encodeAbort(0, 0);
    }
}
