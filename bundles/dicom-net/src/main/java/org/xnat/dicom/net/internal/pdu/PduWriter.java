package org.xnat.dicom.net.internal.pdu;

import java.io.IOException;
import java.io.InputStream;
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
     * Streams a dataset from {@code in} until EOF. Reads one fragment ahead so the last one
     * gets the "last fragment" bit. An odd total length (only legal for a deflated data set) is
     * padded with one NUL byte as PS3.5 A.5 prescribes. Returns the number of bytes sent.
     */
    public long writeDataset(int pcid, InputStream in) throws IOException {
        byte[] next = new byte[maxData];
        int n = readFull(in, buf, 12, maxData);
        long total = 0;
        while (true) {
            int m = n == maxData ? readFull(in, next, 0, maxData) : 0;
            boolean last = m == 0;
            if (last && (n & 1) != 0) {
                buf[12 + n++] = 0;
            }
            writePdv(pcid, false, last, n);
            total += n;
            if (last) {
                return total;
            }
            System.arraycopy(next, 0, buf, 12, m);
            n = m;
        }
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

    private static int readFull(InputStream in, byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int r = in.read(b, off + done, len - done);
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
