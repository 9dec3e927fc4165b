package org.xnat.dicom.net.internal.pdu;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes PDUs. A message is fragmented so that each P-DATA-TF carries one PDV whose item
 * (4-byte length + 2 header bytes + data) fits in the peer's maximum length.
 * Not thread-safe: callers serialise whole messages.
 */
public final class PduWriter {
    private final OutputStream out;
    private final byte[] buf;
    private final int maxData;

    /**
     * @param maxPduLength the peer's maximum P-DATA-TF variable field length (0 = unlimited)
     * @param localCap our own cap on the PDU size we build, whatever the peer accepts
     */
    public PduWriter(OutputStream out, long maxPduLength, int localCap) {
        this.out = out;
        long max = maxPduLength == 0 ? localCap : Math.min(maxPduLength, localCap);
        if (max < 8) {
            // PS3.8 allows tiny values in principle; a floor keeps progress possible.
            max = 8;
        }
        // Fragments must have even lengths (dcmtk aborts otherwise), so the data part is kept even.
        this.maxData = ((int) max - 6) & ~1;
        this.buf = new byte[12 + maxData + 1];
    }

    public int maxPdvDataLength() {
        return maxData;
    }

    public void write(byte[] pdu) throws IOException {
        out.write(pdu);
        out.flush();
    }

    /** Sends a whole in-memory message part (command or dataset). */
    public void writeMessage(int pcid, boolean command, byte[] data) throws IOException {
        int off = 0;
        do {
            int n = Math.min(maxData, data.length - off);
            boolean last = off + n == data.length;
            System.arraycopy(data, off, buf, 12, n);
            writePdv(pcid, command, last, n);
            off += n;
        } while (off < data.length);
    }

    /**
     * An output stream that sends what is written as data set fragments; {@link OutputStream#close()}
     * sends the last one (padded to even length). Nothing is closed underneath.
     */
    public java.io.OutputStream datasetOutput(int pcid) {
        return new java.io.OutputStream() {
            private int n;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    if (n == maxData) {
                        writePdv(pcid, false, false, n);
                        n = 0;
                    }
                    int k = Math.min(len, maxData - n);
                    System.arraycopy(b, off, buf, 12 + n, k);
                    n += k;
                    off += k;
                    len -= k;
                }
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                if ((n & 1) != 0) {
                    buf[12 + n++] = 0;
                }
                writePdv(pcid, false, true, n);
            }
        };
    }

    private void writePdv(int pcid, boolean command, boolean last, int n) throws IOException {
        int pduLen = n + 6;
        int pdvLen = n + 2;
        buf[0] = PduType.P_DATA_TF;
        buf[1] = 0;
        putInt(buf, 2, pduLen);
        putInt(buf, 6, pdvLen);
        buf[10] = (byte) pcid;
        buf[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
        out.write(buf, 0, 12 + n);
        if (last) {
            out.flush();
        }
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
