package org.xnat.dicom.net.internal.pdu;

import org.xnat.dicom.net.PduFormatException;

/** Iterates the PDV items of one P-DATA-TF body (PS3.8 9.3.5, Annex E). */
public final class PDataParser {
    private byte[] body;
    private int pos;
    private int end;
    private int pcid;
    private int control;
    private int dataOffset;
    private int dataLength;

    public void reset(byte[] body, int length) {
        this.body = body;
        this.pos = 0;
        this.end = length;
    }

    public boolean hasNext() {
        return pos < end;
    }

    /** Advances to the next PDV. */
    public void next() throws PduFormatException {
        if (end - pos < 6) {
            throw new PduFormatException("P-DATA-TF has " + (end - pos) + " trailing bytes, too short for a PDV item");
        }
        long len = ((body[pos] & 0xFFL) << 24) | ((body[pos + 1] & 0xFF) << 16) | ((body[pos + 2] & 0xFF) << 8) | (body[pos + 3] & 0xFF);
        if (len < 2 || len > end - pos - 4) {
            throw new PduFormatException("PDV item length " + len + " is invalid (" + (end - pos - 4) + " bytes left in the PDU)");
        }
        pcid = body[pos + 4] & 0xFF;
        control = body[pos + 5] & 0xFF;
        if ((control & 0xFC) != 0) {
            throw new PduFormatException(String.format("PDV message control header %02XH has reserved bits set", control));
        }
        dataOffset = pos + 6;
        dataLength = (int) len - 2;
        pos += 4 + (int) len;
    }

    public int presentationContextId() {
        return pcid;
    }

    public boolean isCommand() {
        return (control & 1) != 0;
    }

    public boolean isLast() {
        return (control & 2) != 0;
    }

    public byte[] data() {
        return body;
    }

    public int dataOffset() {
        return dataOffset;
    }

    public int dataLength() {
        return dataLength;
    }
}
