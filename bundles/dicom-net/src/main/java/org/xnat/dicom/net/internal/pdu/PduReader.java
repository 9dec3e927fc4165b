package org.xnat.dicom.net.internal.pdu;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

import org.xnat.dicom.net.AssociationAbortedException;
import org.xnat.dicom.net.PduFormatException;

/**
 * Reads whole PDUs from the transport. Every allocation is bounded: association PDUs by
 * {@link #MAX_ASSOCIATE_PDU_LENGTH}, P-DATA-TF by the maximum length this side announced.
 */
public final class PduReader {
    /** Upper bound of an A-ASSOCIATE-RQ/AC (255 contexts with many transfer syntaxes fit easily). */
    public static final int MAX_ASSOCIATE_PDU_LENGTH = 1 << 20;
    /** Tolerance over the announced maximum: some peers count the PDV item headers differently. */
    private static final int PDATA_SLACK = 64;

    private final InputStream in;
    private final byte[] header = new byte[6];
    private byte[] body = new byte[4096];
    private int type;
    private int length;

    /**
     * Bytes read ahead from a transport: a small C-STORE (command PDU, data set PDU) then usually
     * arrives in one read call instead of one per PDU header and one per body; reads of bodies at
     * least this long bypass the buffer.
     */
    static final int TRANSPORT_READ_AHEAD = 32 * 1024;

    public PduReader(InputStream in) {
        this.in = in;
    }

    /** A reader over a socket's stream, buffered so that each PDU does not cost two system calls. */
    public static PduReader overTransport(InputStream transport) {
        return new PduReader(new BufferedInputStream(transport, TRANSPORT_READ_AHEAD));
    }

    /**
     * Reads the next PDU.
     *
     * @param maxPDataLength the largest P-DATA-TF variable field accepted (our announced maximum)
     * @return the PDU type
     * @throws SocketTimeoutException if the read timed out before the first byte of the PDU
     * @throws EOFException if the peer closed the connection between PDUs
     */
    public int next(long maxPDataLength) throws IOException {
        int n = readSome(header, 0, 6, true);
        if (n < 6) {
            throw new EOFException("connection closed by peer");
        }
        type = header[0] & 0xFF;
        long len = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        long cap = switch (type) {
            case PduType.A_ASSOCIATE_RQ, PduType.A_ASSOCIATE_AC -> MAX_ASSOCIATE_PDU_LENGTH;
            case PduType.P_DATA_TF -> maxPDataLength + PDATA_SLACK;
            case PduType.A_ASSOCIATE_RJ, PduType.A_RELEASE_RQ, PduType.A_RELEASE_RP, PduType.A_ABORT -> 4;
            default -> throw new PduFormatException("unrecognized PDU type " + PduCodec.hex(type), PduFormatException.UNRECOGNIZED_PDU);
        };
        if (len > cap) {
            throw new PduFormatException(PduType.name(type) + " length " + len + " exceeds the maximum " + cap);
        }
        length = (int) len;
        if (body.length < length) {
            body = new byte[Math.max(length, Math.min(body.length * 2, (int) cap))];
        }
        if (readSome(body, 0, length, false) < length) {
            throw new AssociationAbortedException("connection closed in the middle of a " + PduType.name(type));
        }
        return type;
    }

    /** Reads up to len bytes; a timeout is only passed through when nothing of the PDU was read yet. */
    private int readSome(byte[] b, int off, int len, boolean atPduStart) throws IOException {
        int done = 0;
        while (done < len) {
            int r;
            try {
                r = in.read(b, off + done, len - done);
            } catch (SocketTimeoutException e) {
                if (atPduStart && done == 0) {
                    throw e;
                }
                throw new AssociationAbortedException("peer stalled in the middle of a PDU (read timeout)", e);
            }
            if (r < 0) {
                if (atPduStart && done > 0) {
                    throw new AssociationAbortedException("connection closed in the middle of a PDU header");
                }
                return done;
            }
            done += r;
        }
        return done;
    }

    public int type() {
        return type;
    }

    public int length() {
        return length;
    }

    /** The PDU body (valid up to {@link #length()}); reused by the next call. */
    public byte[] body() {
        return body;
    }
}
