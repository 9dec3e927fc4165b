package org.xnat.router.storage.internal.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.xnat.router.storage.internal.archive.UploadRefusedException;

class MultipartParserTest {

    static final String B = "----WebKitFormBoundaryq7MA4YWxkTrZu0gW";
    static final MultipartParser.Limits LIMITS = new MultipartParser.Limits(8192, 1000, 100L << 20);

    record Got(Part part, byte[] body) {
    }

    static List<Got> parse(byte[] body, String boundary, MultipartParser.Limits limits, int chunk) throws Exception {
        List<Got> out = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(body);
        if (chunk > 0) {
            in = new Trickle(in, chunk);
        }
        try {
            new MultipartParser(in, boundary, limits).parse((part, stream) -> out.add(new Got(part, stream.readAllBytes())));
        } catch (IOException e) {
            UploadRefusedException r = MultipartParser.unwrap(e);
            throw r != null ? r : e;
        }
        return out;
    }

    /** A body the way Chrome writes it for {@code <input type=file multiple webkitdirectory>}. */
    static byte[] browserBody(String boundary, List<String> names, List<byte[]> contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < names.size(); i++) {
            out.writeBytes(("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"files\"; filename=\"" + names.get(i) + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(contents.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void folderUploadWithRelativePathsAndUtf8Names() throws Exception {
        byte[] one = new byte[200_000];
        new Random(3).nextBytes(one);
        byte[] body = browserBody(B, List.of("CT scan/series 1/IM0001.dcm", "CT scan/série 2/Überblick.dcm", "CT scan/empty"),
                List.of(one, b("second"), new byte[0]));
        for (int chunk : new int[] {0, 1, 7, 4096}) {
            List<Got> got = parse(body, B, LIMITS, chunk);
            assertThat(got).hasSize(3);
            assertThat(got.get(0).part().filename()).isEqualTo("CT scan/series 1/IM0001.dcm");
            assertThat(got.get(0).part().name()).isEqualTo("files");
            assertThat(got.get(0).part().contentType()).isEqualTo("application/octet-stream");
            assertThat(got.get(0).body()).isEqualTo(one);
            assertThat(got.get(1).part().filename()).isEqualTo("CT scan/série 2/Überblick.dcm");
            assertThat(got.get(1).body()).isEqualTo(b("second"));
            assertThat(got.get(2).body()).isEmpty();
        }
    }

    @Test
    void boundaryLookalikesInsideDataStayData() throws Exception {
        // the boundary string without the leading CRLF, a CRLF-- with a boundary prefix, lone CRs and LFs,
        // and a body ending in CR LF: all data
        List<byte[]> contents = List.of(
                b("--" + B + " at the start of a line is only a delimiter after CRLF"),
                b("x\r\n--" + B.substring(0, 20) + "not quite\r\n"),
                b("\r"), b("\r\n"), b("\n\r\n\r"), b("ends with CRLF--\r\n--"));
        List<String> names = List.of("a", "b", "c", "d", "e", "f");
        byte[] body = browserBody(B, names, contents);
        for (int chunk : new int[] {0, 1, 2, 3, 5, 64}) {
            List<Got> got = parse(body, B, LIMITS, chunk);
            assertThat(got).hasSize(contents.size());
            for (int i = 0; i < contents.size(); i++) {
                assertThat(got.get(i).body()).as("part %d, chunk %d", i, chunk).isEqualTo(contents.get(i));
            }
        }
    }

    @Test
    void delimitersSplitAtEveryBufferPosition() throws Exception {
        // sizes around the parser's 64 KiB buffer so the delimiter straddles every refill position
        Random r = new Random(4);
        for (int size = 65536 - 50; size < 65536 + 50; size += 7) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            byte[] body = browserBody(B, List.of("x", "y"), List.of(data, data));
            List<Got> got = parse(body, B, LIMITS, 0);
            assertThat(got.get(0).body()).isEqualTo(data);
            assertThat(got.get(1).body()).isEqualTo(data);
        }
    }

    @Test
    void preambleEpiloguePaddingAndQuotedBoundary() throws Exception {
        String boundary = "simple boundary";
        byte[] body = b("This is the preamble.\r\n--simple boundary  \t\r\n"
                + "content-disposition: form-data; name=\"f\"; filename=\"a \\\"quoted\\\" name.dcm\"\r\n\r\n"
                + "hello\r\n--simple boundary\r\n"
                + "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "a field\r\n--simple boundary--\r\nThis is the epilogue, never read.");
        String type = "multipart/form-data; boundary=\"simple boundary\"";
        assertThat(MultipartParser.boundary(type)).isEqualTo(boundary);
        List<Got> got = parse(body, boundary, LIMITS, 0);
        assertThat(got).hasSize(2);
        assertThat(got.get(0).part().filename()).isEqualTo("a \"quoted\" name.dcm");
        assertThat(got.get(0).body()).isEqualTo(b("hello"));
        assertThat(got.get(1).part().filename()).isNull();
        assertThat(got.get(1).part().name()).isEqualTo("note");
    }

    @Test
    void extendedFilenameWins() throws Exception {
        byte[] body = b("--x\r\nContent-Disposition: form-data; name=f; filename=\"fallback\"; "
                + "filename*=UTF-8''%C3%A9t%C3%A9%2Fa+b.dcm\r\n\r\nz\r\n--x--");
        assertThat(parse(body, "x", LIMITS, 0).get(0).part().filename()).isEqualTo("été/a+b.dcm");
    }

    @Test
    void truncatedBodiesAreRefused() throws Exception {
        byte[] whole = browserBody(B, List.of("a.dcm"), List.of(b("some data")));
        for (int cut : new int[] {whole.length - 3, whole.length - 10, 60, 10, 0}) {
            byte[] body = java.util.Arrays.copyOf(whole, cut);
            UploadRefusedException e = assertThrows(UploadRefusedException.class, () -> parse(body, B, LIMITS, 3));
            assertThat(e.getMessage()).as("cut at %d", cut).contains("ended").contains("before its closing boundary");
        }
    }

    @Test
    void limitsAndMalformedBodies() throws Exception {
        byte[] big = browserBody(B, List.of("a"), List.of(new byte[10_000]));
        UploadRefusedException e = assertThrows(UploadRefusedException.class,
                () -> parse(big, B, new MultipartParser.Limits(8192, 10, 5_000), 0));
        assertThat(e.tooLarge()).isTrue();
        assertThat(e.getMessage()).contains("larger than 5000 bytes");

        byte[] header = b("--x\r\nContent-Disposition: form-data; name=\"" + "n".repeat(20_000) + "\"\r\n\r\nz\r\n--x--");
        e = assertThrows(UploadRefusedException.class, () -> parse(header, "x", LIMITS, 0));
        assertThat(e.getMessage()).contains("headers of part 1 are longer than 8192 bytes");

        byte[] many = browserBody("x", java.util.Collections.nCopies(5, "f"), java.util.Collections.nCopies(5, b("1")));
        e = assertThrows(UploadRefusedException.class, () -> parse(many, "x", new MultipartParser.Limits(8192, 4, 1 << 20), 0));
        assertThat(e.getMessage()).contains("more than 4 parts");

        byte[] glued = b("--x\r\nContent-Disposition: form-data; name=f\r\n\r\nz\r\n--xYZ\r\n\r\n--x--");
        e = assertThrows(UploadRefusedException.class, () -> parse(glued, "x", LIMITS, 0));
        assertThat(e.getMessage()).contains("malformed multipart body");

        assertThat(assertThrows(UploadRefusedException.class, () -> MultipartParser.boundary("multipart/form-data")))
                .hasMessageContaining("without a boundary");
        assertThat(assertThrows(UploadRefusedException.class, () -> MultipartParser.boundary("application/json")))
                .hasMessageContaining("not multipart/form-data");
        assertThat(assertThrows(UploadRefusedException.class,
                () -> MultipartParser.boundary("multipart/form-data; boundary=" + "b".repeat(71))))
                .hasMessageContaining("longer than 70");
    }

    /** Hands out at most {@code chunk} bytes per read, as a slow network does. */
    static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
