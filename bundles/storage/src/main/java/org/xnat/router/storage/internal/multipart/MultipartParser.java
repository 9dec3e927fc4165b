package org.xnat.router.storage.internal.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.xnat.router.storage.internal.archive.UploadRefusedException;

/**
 * A streaming {@code multipart/form-data} parser (RFC 7578 on RFC 2046's boundary syntax). Part bodies are
 * handed out as streams that end at the next delimiter, so a part of any size passes through a fixed buffer;
 * the whole body, each part's header block and the number of parts are capped.
 *
 * <p>The delimiter is {@code CRLF "--" boundary}; the body is read as if a CRLF preceded it, so a first
 * delimiter at the very start is found like every other one (what precedes it is the preamble, ignored).
 */
public final class MultipartParser {

    /**
     * @param maxHeaderBytes header block of one part, at most
     * @param maxParts parts, at most
     * @param maxTotalBytes the whole body, at most
     */
    public record Limits(int maxHeaderBytes, int maxParts, long maxTotalBytes) {
        public Limits {
            // a header block must fit the buffer with room to spare
            maxHeaderBytes = Math.max(256, Math.min(maxHeaderBytes, 32 * 1024));
        }
    }

    /** Receives each part; must read (or not) its body before returning; what it leaves is skipped. */
    public interface PartHandler {
        void part(Part part, InputStream body) throws IOException, UploadRefusedException;
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_PADDING = 256;

    private final InputStream in;
    private final byte[] delimiter;
    private final Limits limits;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private long consumed;

    public MultipartParser(InputStream in, String boundary, Limits limits) {
        this.in = in;
        this.limits = limits;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /**
     * The boundary of a {@code multipart/form-data} content type.
     *
     * @throws UploadRefusedException not multipart/form-data, or no valid boundary
     */
    public static String boundary(String contentType) throws UploadRefusedException {
        if (contentType == null) {
            throw UploadRefusedException.unsafe("no Content-Type");
        }
        Map<String, String> params = new LinkedHashMap<>();
        String type = HeaderValues.parse(contentType, params);
        if (!type.equals("multipart/form-data")) {
            throw UploadRefusedException.unsafe("Content-Type is " + type + ", not multipart/form-data");
        }
        String b = params.get("boundary");
        if (b == null || b.isEmpty()) {
            throw UploadRefusedException.unsafe("multipart/form-data without a boundary parameter");
        }
        if (b.length() > 70) {
            throw UploadRefusedException.unsafe("multipart boundary longer than 70 characters (RFC 2046)");
        }
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw UploadRefusedException.unsafe("multipart boundary with a character outside printable ASCII");
            }
        }
        return b;
    }

    /**
     * Reads the whole body, calling the handler once per part.
     *
     * @throws UploadRefusedException malformed or truncated body, or a limit exceeded (then {@code tooLarge})
     */
    public void parse(PartHandler handler) throws IOException, UploadRefusedException {
        drain(new PartStream()); // the preamble
        int parts = 0;
        while (!afterDelimiterIsClose()) {
            if (++parts > limits.maxParts()) {
                throw UploadRefusedException.tooLarge("more than " + limits.maxParts() + " parts in the upload");
            }
            Map<String, String> headers = readHeaders(parts);
            Part part = Part.of(parts, headers);
            PartStream body = new PartStream();
            handler.part(part, body);
            drain(body);
        }
        // the epilogue after the closing delimiter is ignored and not read
    }

    /** After a delimiter: {@code --} ends the body; else optional padding and CRLF start the next part. */
    private boolean afterDelimiterIsClose() throws IOException, UploadRefusedException {
        ensure(2, "after a boundary");
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            pos += 2;
            return true;
        }
        int padding = 0;
        while (true) {
            ensure(1, "after a boundary");
            byte b = buf[pos];
            if (b == ' ' || b == '\t') {
                pos++;
                if (++padding > MAX_PADDING) {
                    throw UploadRefusedException.unsafe("malformed multipart body: boundary line too long");
                }
                continue;
            }
            break;
        }
        ensure(2, "after a boundary");
        if (buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw UploadRefusedException.unsafe("malformed multipart body: the boundary string appears inside a"
                    + " part or a boundary line does not end with CRLF");
        }
        pos += 2;
        return false;
    }

    private Map<String, String> readHeaders(int partNumber) throws IOException, UploadRefusedException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            int start = pos;
            int end = -1;
            while (end < 0) {
                for (int i = start; i < lim; i++) {
                    if (buf[i] == '\n') {
                        end = i;
                        break;
                    }
                }
                if (end < 0) {
                    if (lim - pos + total > limits.maxHeaderBytes()) {
                        throw headerTooLong(partNumber);
                    }
                    int before = lim - pos;
                    if (!fill()) {
                        throw truncated("in the headers of part " + partNumber);
                    }
                    start = pos + before;
                }
            }
            int lineLength = end + 1 - pos;
            total += lineLength;
            if (total > limits.maxHeaderBytes()) {
                throw headerTooLong(partNumber);
            }
            int contentEnd = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
            String line = new String(buf, pos, contentEnd - pos, StandardCharsets.UTF_8);
            pos = end + 1;
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw UploadRefusedException.unsafe("malformed header line in part " + partNumber + ": '"
                        + org.xnat.router.storage.internal.archive.EntryNames.shown(line) + "'");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    private UploadRefusedException headerTooLong(int part) {
        return UploadRefusedException.tooLarge("the headers of part " + part + " are longer than "
                + limits.maxHeaderBytes() + " bytes");
    }

    private static UploadRefusedException truncated(String where) {
        return UploadRefusedException.unsafe("the multipart body ended " + where
                + " before its closing boundary (upload interrupted?)");
    }

    private void drain(InputStream body) throws IOException {
        byte[] skip = new byte[8192];
        while (body.read(skip) >= 0) {
            // discard
        }
    }

    /** Makes {@code n} bytes available at {@code pos}. */
    private void ensure(int n, String where) throws IOException, UploadRefusedException {
        while (lim - pos < n) {
            if (!fill()) {
                throw truncated(where);
            }
        }
    }

    /** Compacts and reads more; false at the end of the input. */
    private boolean fill() throws IOException, UploadRefusedException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            throw new IllegalStateException("buffer full"); // callers never hold more than a delimiter or a header
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
            return false;
        }
        consumed += n;
        if (consumed > limits.maxTotalBytes()) {
            throw UploadRefusedException.tooLarge("the upload is larger than " + limits.maxTotalBytes() + " bytes");
        }
        lim += n;
        return true;
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = lim - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One part's body: up to (not including) the next delimiter, which it consumes at its end. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int idx = indexOfDelimiter();
                int available;
                if (idx >= 0) {
                    available = idx - pos;
                    if (available == 0) {
                        pos = idx + delimiter.length;
                        done = true;
                        return -1;
                    }
                } else {
                    // keep what could be the start of a delimiter split across reads
                    available = lim - pos - (delimiter.length - 1);
                }
                if (available > 0) {
                    int n = Math.min(available, len);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                try {
                    if (!fill()) {
                        throw new RefusalIOException(truncated("inside a part"));
                    }
                } catch (UploadRefusedException e) {
                    throw new RefusalIOException(e);
                }
            }
        }
    }

    /**
     * Carries a refusal through {@link InputStream#read} (which may only throw IOException); handlers let it
     * pass and {@link #unwrap} turns it back.
     */
    public static final class RefusalIOException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusalIOException(UploadRefusedException cause) {
            super(cause.getMessage(), cause);
        }

        public UploadRefusedException refusal() {
            return (UploadRefusedException) getCause();
        }
    }

    /** The refusal an IOException carries, if it is one of the parser's. */
    public static UploadRefusedException unwrap(IOException e) {
        return e instanceof RefusalIOException t ? t.refusal() : null;
    }
}
