package org.xnat.dicom.net.internal.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.xnat.dicom.net.PduFormatException;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.RoleSelection;
import org.xnat.dicom.net.UserIdentity;

/**
 * Encodes and decodes the association PDUs (PS3.8 9.3). Decoding works on the body of a PDU
 * already bounded by its length field; every inner length is checked against what is left.
 */
public final class PduCodec {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";

    private PduCodec() {
    }

    // ---------------------------------------------------------------- encoding

    public static byte[] encodeAssociate(int type, AssociatePdu a) {
        boolean rq = type == PduType.A_ASSOCIATE_RQ;
        Out body = new Out();
        body.u16(a.protocolVersion);
        body.u16(0);
        body.bytes(aeTitle(a.calledAeTitle));
        body.bytes(aeTitle(a.callingAeTitle));
        body.bytes(new byte[32]);
        body.item(0x10, ascii(a.applicationContext));
        for (PresentationContext pc : a.presentationContexts) {
            Out item = new Out();
            item.u8(pc.id());
            item.u8(0);
            item.u8(rq ? 0 : pc.result().code());
            item.u8(0);
            if (rq) {
                item.item(0x30, ascii(pc.abstractSyntax()));
                for (String ts : pc.transferSyntaxes()) {
                    item.item(0x40, ascii(ts));
                }
            } else {
                // The sub-item must be present even for a rejected context; its value is not significant.
                item.item(0x40, ascii(pc.isAccepted() ? pc.transferSyntax() : IMPLICIT_LE));
            }
            body.item(rq ? 0x20 : 0x21, item.toByteArray());
        }
        body.item(0x50, encodeUserInfo(rq, a));
        return pdu(type, body.toByteArray());
    }

    private static byte[] encodeUserInfo(boolean rq, AssociatePdu a) {
        Out ui = new Out();
        Out max = new Out();
        max.u32(a.maxPduLength);
        ui.item(0x51, max.toByteArray());
        ui.item(0x52, ascii(a.implementationClassUid));
        if (a.maxOperationsInvoked != null && a.maxOperationsPerformed != null) {
            Out async = new Out();
            async.u16(a.maxOperationsInvoked);
            async.u16(a.maxOperationsPerformed);
            ui.item(0x53, async.toByteArray());
        }
        for (RoleSelection rs : a.roleSelections) {
            Out r = new Out();
            byte[] uid = ascii(rs.sopClassUid());
            r.u16(uid.length);
            r.bytes(uid);
            r.u8(rs.scu() ? 1 : 0);
            r.u8(rs.scp() ? 1 : 0);
            ui.item(0x54, r.toByteArray());
        }
        if (a.implementationVersionName != null && !a.implementationVersionName.isEmpty()) {
            ui.item(0x55, ascii(a.implementationVersionName));
        }
        a.extendedNegotiation.forEach((uid, info) -> {
            Out e = new Out();
            byte[] u = ascii(uid);
            e.u16(u.length);
            e.bytes(u);
            e.bytes(info);
            ui.item(0x56, e.toByteArray());
        });
        if (rq && a.userIdentity != null) {
            UserIdentity id = a.userIdentity;
            Out u = new Out();
            u.u8(id.type().code());
            u.u8(id.positiveResponseRequested() ? 1 : 0);
            byte[] p = id.primaryField();
            byte[] s = id.secondaryField();
            u.u16(p.length);
            u.bytes(p);
            u.u16(s.length);
            u.bytes(s);
            ui.item(0x58, u.toByteArray());
        }
        if (!rq && a.userIdentityServerResponse != null) {
            Out u = new Out();
            u.u16(a.userIdentityServerResponse.length);
            u.bytes(a.userIdentityServerResponse);
            ui.item(0x59, u.toByteArray());
        }
        return ui.toByteArray();
    }

    public static byte[] encodeReject(int result, int source, int reason) {
        return pdu(PduType.A_ASSOCIATE_RJ, new byte[] {0, (byte) result, (byte) source, (byte) reason});
    }

    public static byte[] encodeReleaseRq() {
        return pdu(PduType.A_RELEASE_RQ, new byte[4]);
    }

    public static byte[] encodeReleaseRp() {
        return pdu(PduType.A_RELEASE_RP, new byte[4]);
    }

    public static byte[] encodeAbort(int source, int reason) {
        return pdu(PduType.A_ABORT, new byte[] {0, 0, (byte) source, (byte) reason});
    }

    static byte[] pdu(int type, byte[] body) {
        Out o = new Out();
        o.u8(type);
        o.u8(0);
        o.u32(body.length);
        o.bytes(body);
        return o.toByteArray();
    }

    static byte[] aeTitle(String ae) {
        byte[] b = ascii(ae.strip());
        if (b.length == 0 || b.length > 16) {
            throw new IllegalArgumentException("AE title must have 1 to 16 characters: '" + ae + "'");
        }
        byte[] padded = new byte[16];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(b, 0, padded, 0, b.length);
        return padded;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes the body (after the 6-byte header) of an A-ASSOCIATE-RQ or -AC. */
    public static AssociatePdu decodeAssociate(int type, byte[] body, int length) throws PduFormatException {
        boolean rq = type == PduType.A_ASSOCIATE_RQ;
        String what = PduType.name(type);
        ByteBuffer b = ByteBuffer.wrap(body, 0, length);
        try {
            AssociatePdu a = new AssociatePdu();
            a.protocolVersion = u16(b);
            b.getShort();
            a.calledAeTitle = text(b, 16, what + " called AE title");
            a.callingAeTitle = text(b, 16, what + " calling AE title");
            if (rq && (a.calledAeTitle.isEmpty() || a.callingAeTitle.isEmpty())) {
                // PS3.8 9.3.2: sixteen spaces ("no application name") shall not be used; the A-ASSOCIATE-AC
                // could not even echo such a title back
                throw new PduFormatException(what + " has an empty " + (a.calledAeTitle.isEmpty() ? "called" : "calling")
                        + " AE title");
            }
            b.position(b.position() + 32);
            boolean sawUserInfo = false;
            List<Integer> ids = new ArrayList<>();
            while (b.hasRemaining()) {
                int itemType = u8(b);
                b.get();
                int len = u16(b);
                ByteBuffer item = slice(b, len, what + " item " + hex(itemType));
                switch (itemType) {
                    case 0x10 -> a.applicationContext = text(item, len, "application context name");
                    case 0x20, 0x21 -> {
                        if ((itemType == 0x20) != rq) {
                            throw new PduFormatException(what + " contains presentation context item " + hex(itemType));
                        }
                        PresentationContext pc = decodePresentationContext(rq, item);
                        if (ids.contains(pc.id())) {
                            throw new PduFormatException(what + " repeats presentation context ID " + pc.id());
                        }
                        ids.add(pc.id());
                        a.presentationContexts.add(pc);
                    }
                    case 0x50 -> {
                        decodeUserInfo(rq, item, a);
                        sawUserInfo = true;
                    }
                    default -> {
                        // PS3.8 9.3.1: unrecognized items are ignored.
                    }
                }
            }
            if (!sawUserInfo) {
                throw new PduFormatException(what + " has no user information item");
            }
            return a;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new PduFormatException(what + " is truncated or malformed: " + e);
        }
    }

    private static PresentationContext decodePresentationContext(boolean rq, ByteBuffer item) throws PduFormatException {
        int id = u8(item);
        item.get();
        int result = u8(item);
        item.get();
        if ((id & 1) == 0) {
            throw new PduFormatException("presentation context ID " + id + " is not odd");
        }
        String as = null;
        List<String> ts = new ArrayList<>();
        while (item.hasRemaining()) {
            int sub = u8(item);
            item.get();
            int len = u16(item);
            ByteBuffer s = slice(item, len, "presentation context sub-item " + hex(sub));
            switch (sub) {
                case 0x30 -> as = text(s, len, "abstract syntax");
                case 0x40 -> ts.add(text(s, len, "transfer syntax"));
                default -> throw new PduFormatException("unrecognized presentation context sub-item " + hex(sub));
            }
        }
        if (rq) {
            if (as == null || as.isEmpty()) {
                throw new PduFormatException("presentation context " + id + " has no abstract syntax");
            }
            if (ts.isEmpty()) {
                throw new PduFormatException("presentation context " + id + " proposes no transfer syntax");
            }
            return PresentationContext.proposed(id, as, ts);
        }
        if (result == 0) {
            if (ts.size() != 1 || ts.get(0).isEmpty()) {
                throw new PduFormatException("accepted presentation context " + id + " must carry one transfer syntax");
            }
            return PresentationContext.accepted(id, null, ts.get(0));
        }
        if (result > 4) {
            throw new PduFormatException("presentation context " + id + " has invalid result " + result);
        }
        return PresentationContext.rejected(id, null, PresentationContext.Result.ofCode(result));
    }

    private static void decodeUserInfo(boolean rq, ByteBuffer ui, AssociatePdu a) throws PduFormatException {
        while (ui.hasRemaining()) {
            int sub = u8(ui);
            ui.get();
            int len = u16(ui);
            ByteBuffer s = slice(ui, len, "user information sub-item " + hex(sub));
            switch (sub) {
                case 0x51 -> a.maxPduLength = Integer.toUnsignedLong(s.getInt());
                case 0x52 -> a.implementationClassUid = text(s, len, "implementation class UID");
                case 0x53 -> {
                    a.maxOperationsInvoked = u16(s);
                    a.maxOperationsPerformed = u16(s);
                }
                case 0x54 -> {
                    int ul = u16(s);
                    String uid = text(slice(s, ul, "role selection UID"), ul, "role selection UID");
                    a.roleSelections.add(new RoleSelection(uid, u8(s) == 1, u8(s) == 1));
                }
                case 0x55 -> a.implementationVersionName = text(s, len, "implementation version name");
                case 0x56 -> {
                    int ul = u16(s);
                    String uid = text(slice(s, ul, "extended negotiation UID"), ul, "extended negotiation UID");
                    byte[] info = new byte[s.remaining()];
                    s.get(info);
                    a.extendedNegotiation.put(uid, info);
                }
                case 0x57 -> {
                    byte[] raw = new byte[len];
                    s.get(raw);
                    a.commonExtendedNegotiation.add(raw);
                }
                case 0x58 -> {
                    if (!rq) {
                        throw new PduFormatException("A-ASSOCIATE-AC contains a user identity request");
                    }
                    int idType = u8(s);
                    boolean positive = u8(s) == 1;
                    byte[] primary = new byte[u16(s)];
                    s.get(primary);
                    byte[] secondary = new byte[u16(s)];
                    s.get(secondary);
                    try {
                        a.userIdentity = new UserIdentity(UserIdentity.Type.ofCode(idType), positive, primary, secondary);
                    } catch (IllegalArgumentException e) {
                        throw new PduFormatException(e.getMessage());
                    }
                }
                case 0x59 -> {
                    byte[] resp = new byte[u16(s)];
                    s.get(resp);
                    a.userIdentityServerResponse = resp;
                }
                default -> {
                    // unknown sub-items are ignored
                }
            }
        }
    }

    /** Decodes an A-ASSOCIATE-RJ body: {result, source, reason}. */
    public static int[] decodeReject(byte[] body, int length) throws PduFormatException {
        if (length != 4) {
            throw new PduFormatException("A-ASSOCIATE-RJ length " + length + " (expected 4)");
        }
        return new int[] {body[1] & 0xFF, body[2] & 0xFF, body[3] & 0xFF};
    }

    /** Decodes an A-ABORT body: {source, reason}. */
    public static int[] decodeAbort(byte[] body, int length) throws PduFormatException {
        if (length != 4) {
            throw new PduFormatException("A-ABORT length " + length + " (expected 4)");
        }
        return new int[] {body[2] & 0xFF, body[3] & 0xFF};
    }

    private static ByteBuffer slice(ByteBuffer b, int len, String what) throws PduFormatException {
        if (len > b.remaining()) {
            throw new PduFormatException(what + " length " + len + " exceeds the " + b.remaining() + " bytes left");
        }
        ByteBuffer s = b.slice();
        s.limit(len);
        b.position(b.position() + len);
        return s;
    }

    private static String text(ByteBuffer b, int len, String what) throws PduFormatException {
        if (len > b.remaining()) {
            throw new PduFormatException(what + " length " + len + " exceeds the " + b.remaining() + " bytes left");
        }
        byte[] raw = new byte[len];
        b.get(raw);
        int end = len;
        // UIDs may be padded with NUL, AE titles with spaces: neither is significant.
        while (end > 0 && (raw[end - 1] == 0 || raw[end - 1] == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && raw[start] == ' ') {
            start++;
        }
        for (int i = start; i < end; i++) {
            if (raw[i] < 0x20 || raw[i] > 0x7E) {
                throw new PduFormatException(what + " contains a non-printable byte " + hex(raw[i] & 0xFF));
            }
        }
        return new String(raw, start, end - start, StandardCharsets.US_ASCII);
    }

    private static int u8(ByteBuffer b) {
        return b.get() & 0xFF;
    }

    private static int u16(ByteBuffer b) {
        return b.getShort() & 0xFFFF;
    }

    static String hex(int v) {
        return String.format("%02XH", v);
    }

    /** Growable big-endian output buffer. */
    static final class Out extends ByteArrayOutputStream {
        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            write(v >>> 8);
            write(v);
        }

        void u32(long v) {
            write((int) (v >>> 24));
            write((int) (v >>> 16));
            write((int) (v >>> 8));
            write((int) v);
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void item(int type, byte[] value) {
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("item " + hex(type) + " longer than 65535 bytes");
            }
            u8(type);
            u8(0);
            u16(value.length);
            bytes(value);
        }
    }
}
