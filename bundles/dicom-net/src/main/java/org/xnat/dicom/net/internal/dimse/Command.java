package org.xnat.dicom.net.internal.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.xnat.dicom.net.PduFormatException;

/**
 * A DIMSE command set: group 0000 elements, always Implicit VR Little Endian (PS3.7 6.3.1, E.1).
 * Values are kept as raw bytes; typed accessors know the VR of each command element.
 */
public final class Command {
    public static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
    public static final int REQUESTED_SOP_CLASS_UID = 0x00000003;
    public static final int COMMAND_FIELD = 0x00000100;
    public static final int MESSAGE_ID = 0x00000110;
    public static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x00000120;
    public static final int MOVE_DESTINATION = 0x00000600;
    public static final int PRIORITY = 0x00000700;
    public static final int COMMAND_DATA_SET_TYPE = 0x00000800;
    public static final int STATUS = 0x00000900;
    public static final int OFFENDING_ELEMENT = 0x00000901;
    public static final int ERROR_COMMENT = 0x00000902;
    public static final int ERROR_ID = 0x00000903;
    public static final int AFFECTED_SOP_INSTANCE_UID = 0x00001000;
    public static final int REQUESTED_SOP_INSTANCE_UID = 0x00001001;
    public static final int REMAINING_SUBOPERATIONS = 0x00001020;
    public static final int COMPLETED_SUBOPERATIONS = 0x00001021;
    public static final int FAILED_SUBOPERATIONS = 0x00001022;
    public static final int WARNING_SUBOPERATIONS = 0x00001023;
    public static final int MOVE_ORIGINATOR_AE_TITLE = 0x00001030;
    public static final int MOVE_ORIGINATOR_MESSAGE_ID = 0x00001031;

    public static final int C_STORE_RQ = 0x0001;
    public static final int C_STORE_RSP = 0x8001;
    public static final int C_GET_RQ = 0x0010;
    public static final int C_GET_RSP = 0x8010;
    public static final int C_FIND_RQ = 0x0020;
    public static final int C_FIND_RSP = 0x8020;
    public static final int C_MOVE_RQ = 0x0021;
    public static final int C_MOVE_RSP = 0x8021;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int C_ECHO_RSP = 0x8030;
    public static final int C_CANCEL_RQ = 0x0FFF;

    public static final int NO_DATA_SET = 0x0101;
    public static final int DATA_SET_PRESENT = 0x0000;

    /** Largest command set accepted from a peer. Real ones are a few hundred bytes. */
    public static final int MAX_ENCODED_LENGTH = 64 * 1024;

    private final TreeMap<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);

    public static Command request(int commandField, int messageId, String sopClassUid, boolean dataSet) {
        Command c = new Command();
        c.putUid(AFFECTED_SOP_CLASS_UID, sopClassUid);
        c.putUS(COMMAND_FIELD, commandField);
        c.putUS(MESSAGE_ID, messageId);
        c.putUS(COMMAND_DATA_SET_TYPE, dataSet ? DATA_SET_PRESENT : NO_DATA_SET);
        return c;
    }

    public static Command response(Command rq, int status, boolean dataSet) {
        Command c = new Command();
        String cuid = rq.getString(AFFECTED_SOP_CLASS_UID);
        if (cuid == null) {
            cuid = rq.getString(REQUESTED_SOP_CLASS_UID);
        }
        if (cuid != null) {
            c.putUid(AFFECTED_SOP_CLASS_UID, cuid);
        }
        c.putUS(COMMAND_FIELD, rq.commandField() | 0x8000);
        c.putUS(MESSAGE_ID_BEING_RESPONDED_TO, rq.messageId());
        c.putUS(COMMAND_DATA_SET_TYPE, dataSet ? DATA_SET_PRESENT : NO_DATA_SET);
        c.putUS(STATUS, status);
        String iuid = rq.getString(AFFECTED_SOP_INSTANCE_UID);
        if (iuid != null) {
            c.putUid(AFFECTED_SOP_INSTANCE_UID, iuid);
        }
        return c;
    }

    public int commandField() {
        return getInt(COMMAND_FIELD, -1);
    }

    public int messageId() {
        return getInt(MESSAGE_ID, -1);
    }

    public int messageIdBeingRespondedTo() {
        return getInt(MESSAGE_ID_BEING_RESPONDED_TO, -1);
    }

    public int status() {
        return getInt(STATUS, -1);
    }

    public boolean hasDataSet() {
        return getInt(COMMAND_DATA_SET_TYPE, NO_DATA_SET) != NO_DATA_SET;
    }

    public boolean isResponse() {
        int cf = commandField();
        return cf >= 0 && (cf & 0x8000) != 0;
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public Command putUS(int tag, int v) {
        elements.put(tag, new byte[] {(byte) v, (byte) (v >>> 8)});
        return this;
    }

    public Command putUL(int tag, long v) {
        elements.put(tag, new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
        return this;
    }

    /** UI value, padded with NUL to even length. */
    public Command putUid(int tag, String uid) {
        elements.put(tag, pad(uid.getBytes(StandardCharsets.US_ASCII), (byte) 0));
        return this;
    }

    /** AE, LO or other text value, padded with a space to even length. */
    public Command putString(int tag, String s) {
        elements.put(tag, pad(s.getBytes(StandardCharsets.US_ASCII), (byte) ' '));
        return this;
    }

    /** AT value: a tag (group, element) in little endian. */
    public Command putTag(int tag, int value) {
        elements.put(tag, new byte[] {(byte) (value >>> 16), (byte) (value >>> 24), (byte) value, (byte) (value >>> 8)});
        return this;
    }

    public int getInt(int tag, int def) {
        byte[] v = elements.get(tag);
        if (v == null || v.length < 2) {
            return def;
        }
        if (v.length < 4) { // US; a malformed 3-byte value from a peer is read as US, never beyond its end
            return (v[0] & 0xFF) | ((v[1] & 0xFF) << 8);
        }
        return (v[0] & 0xFF) | ((v[1] & 0xFF) << 8) | ((v[2] & 0xFF) << 16) | ((v[3] & 0xFF) << 24);
    }

    /** Text value without its padding, or null when absent. */
    public String getString(int tag) {
        byte[] v = elements.get(tag);
        if (v == null) {
            return null;
        }
        int end = v.length;
        while (end > 0 && (v[end - 1] == 0 || v[end - 1] == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && v[start] == ' ') {
            start++;
        }
        return new String(v, start, end - start, StandardCharsets.US_ASCII);
    }

    public void remove(int tag) {
        elements.remove(tag);
    }

    public byte[] encode() {
        ByteArrayOutputStream o = new ByteArrayOutputStream(256);
        int groupLength = 0;
        for (Map.Entry<Integer, byte[]> e : elements.entrySet()) {
            if (e.getKey() != 0) {
                groupLength += 8 + e.getValue().length;
            }
        }
        writeElement(o, 0, new byte[] {(byte) groupLength, (byte) (groupLength >>> 8), (byte) (groupLength >>> 16), (byte) (groupLength >>> 24)});
        for (Map.Entry<Integer, byte[]> e : elements.entrySet()) {
            if (e.getKey() != 0) {
                writeElement(o, e.getKey(), e.getValue());
            }
        }
        return o.toByteArray();
    }

    public static Command decode(byte[] b, int length) throws PduFormatException {
        Command c = new Command();
        int pos = 0;
        while (pos < length) {
            if (length - pos < 8) {
                throw new PduFormatException("command set truncated at offset " + pos);
            }
            int group = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
            int elem = (b[pos + 2] & 0xFF) | ((b[pos + 3] & 0xFF) << 8);
            long len = (b[pos + 4] & 0xFFL) | ((b[pos + 5] & 0xFFL) << 8) | ((b[pos + 6] & 0xFFL) << 16) | ((b[pos + 7] & 0xFFL) << 24);
            pos += 8;
            if (group != 0) {
                throw new PduFormatException(String.format("command set contains element (%04X,%04X) outside group 0000", group, elem));
            }
            if (len > length - pos) {
                throw new PduFormatException(String.format("command element (0000,%04X) length %d exceeds the command set", elem, len));
            }
            byte[] v = new byte[(int) len];
            System.arraycopy(b, pos, v, 0, (int) len);
            c.elements.put(elem, v);
            pos += (int) len;
        }
        if (c.commandField() < 0) {
            throw new PduFormatException("command set has no Command Field (0000,0100)");
        }
        return c;
    }

    private static void writeElement(ByteArrayOutputStream o, int tag, byte[] v) {
        o.write(tag >>> 16);
        o.write(tag >>> 24);
        o.write(tag);
        o.write(tag >>> 8);
        o.write(v.length);
        o.write(v.length >>> 8);
        o.write(v.length >>> 16);
        o.write(v.length >>> 24);
        o.write(v, 0, v.length);
    }

    private static byte[] pad(byte[] b, byte padding) {
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
        p[b.length] = padding;
        return p;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("cmd %04XH", commandField()));
        if (contains(MESSAGE_ID)) {
            sb.append(" id=").append(messageId());
        }
        if (contains(MESSAGE_ID_BEING_RESPONDED_TO)) {
            sb.append(" rsp-to=").append(messageIdBeingRespondedTo());
        }
        if (contains(STATUS)) {
            sb.append(String.format(" status=%04XH", status()));
        }
        String cuid = getString(AFFECTED_SOP_CLASS_UID);
        if (cuid != null) {
            sb.append(" cuid=").append(cuid);
        }
        return sb.toString();
    }
}
