package org.xnat.dicom.io.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.xnat.dicom.io.DicomParseException;

/**
 * Buffered input that counts its position, can peek ahead, and switches to inflation midway (deflated
 * transfer syntaxes deflate everything after the File Meta Information). Values are read in chunks so that
 * a hostile length never allocates more than the data actually present.
 */
public final class DicomInput implements AutoCloseable {

    private static final int CHUNK = 1 << 16;

    private InputStream in;
    private final byte[] buf = new byte[CHUNK];
    private int pos;
    private int lim;
    private long base;
    private long length;
    private Inflater inflater;

    /** @param length total number of bytes of the stream if known, else -1 */
    public DicomInput(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    public long position() {
        return base + pos;
    }

    /** Bytes known to remain, or -1 if unknown (socket, deflated data). */
    public long remaining() {
        return length < 0 ? -1 : length - position();
    }

    /** True when the data is being inflated (offsets are then offsets in the inflated data). */
    public boolean isInflating() {
        return inflater != null;
    }

    /** Ensures up to {@code n} bytes are buffered; returns how many are (fewer only at the end of the stream). */
    public int peek(int n) throws IOException {
        if (lim - pos >= n) {
            return n;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                break;
            }
            lim += r;
        }
        return Math.min(n, lim);
    }

    /** Byte at {@code offset} from the current position; call {@link #peek} first. */
    public int peekByte(int offset) {
        return buf[pos + offset] & 0xFF;
    }

    public boolean atEnd() throws IOException {
        return peek(1) == 0;
    }

    public int u16(boolean bigEndian) throws IOException {
        need(2);
        int a = buf[pos] & 0xFF;
        int b = buf[pos + 1] & 0xFF;
        pos += 2;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    public int i32(boolean bigEndian) throws IOException {
        int a = u16(bigEndian);
        int b = u16(bigEndian);
        return bigEndian ? a << 16 | b : b << 16 | a;
    }

    public void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == lim) {
                if (len >= buf.length) { // large reads bypass the buffer
                    int r = in.read(dst, off, len);
                    if (r < 0) {
                        throw new EOFException();
                    }
                    base += r;
                    off += r;
                    len -= r;
                    continue;
                }
                if (peek(1) == 0) {
                    throw new EOFException();
                }
            }
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Reads {@code len} bytes, allocating only as the data arrives (in chunks), so a length field larger than the
     * data fails with EOF after at most the real data was buffered.
     */
    public byte[] readBytes(int len) throws IOException {
        if (len <= CHUNK * 16) {
            long rem = remaining();
            if (rem >= 0 && rem < len) {
                throw new EOFException();
            }
            byte[] b = new byte[len];
            readFully(b, 0, len);
            return b;
        }
        List<byte[]> chunks = new ArrayList<>();
        int left = len;
        while (left > 0) {
            int n = Math.min(left, CHUNK * 16);
            byte[] c = new byte[n];
            readFully(c, 0, n);
            chunks.add(c);
            left -= n;
        }
        byte[] all = new byte[len];
        int off = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, off, c.length);
            off += c.length;
        }
        return all;
    }

    public void skip(long n) throws IOException {
        long left = n;
        int inBuf = Math.min(lim - pos, (int) Math.min(left, Integer.MAX_VALUE));
        pos += inBuf;
        left -= inBuf;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                s = 1;
            }
            base += s;
            left -= s;
        }
    }

    /** From here on, bytes are inflated (raw deflate, RFC 1951, as PS3.5 A.5 requires). */
    public void startInflating() {
        byte[] rest = Arrays.copyOfRange(buf, pos, lim);
        InputStream raw = new SequenceInputStream(new java.io.ByteArrayInputStream(rest), in);
        inflater = new Inflater(true);
        in = new InflaterInputStream(raw, inflater, CHUNK) {
            private boolean eofSeen;

            @Override
            protected void fill() throws IOException {
                // raw deflate needs one dummy byte after the data (java.util.zip.Inflater nowrap contract)
                len = this.in.read(buf, 0, buf.length);
                if (len == -1) {
                    if (eofSeen) {
                        throw new EOFException("Unexpected end of deflated data");
                    }
                    eofSeen = true;
                    buf[0] = 0;
                    len = 1;
                }
                inf.setInput(buf, 0, len);
            }

            @Override
            public int read(byte[] b, int off, int n) throws IOException {
                try {
                    return super.read(b, off, n);
                } catch (ZipException e) {
                    // corrupt deflate data is bad input like any other: the reader's own exception, with offset
                    throw new DicomParseException("Corrupt deflated data: " + e.getMessage(), position(), -1, e);
                }
            }
        };
        base += pos;
        pos = 0;
        lim = 0;
        length = -1;
    }

    private void need(int n) throws IOException {
        if (lim - pos < n && peek(n) < n) {
            throw new EOFException();
        }
    }

    @Override
    public void close() throws IOException {
        if (inflater != null) {
            inflater.end();
        }
        in.close();
    }
}
