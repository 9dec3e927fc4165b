package org.xnat.router.rest.admin.internal.deid;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import org.xnat.router.rest.admin.internal.ApiException;

/**
 * The file of a {@code multipart/form-data} body already read into memory (size-capped by the caller): the first
 * part that has a {@code filename} or is named {@code file}. Only what the test harness needs; uploads of many files
 * go to {@code /api/storage}.
 */
final class Multipart {

    /** Headers of one part (RFC 7578 parts have a few short lines). */
    static final int MAX_PART_HEADERS = 16 * 1024;
    static final int MAX_PARTS = 100;

    private Multipart() {
    }

    static byte[] file(byte[] body, String contentType) {
        String boundary = boundary(contentType);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw ApiException.badRequest("the multipart body has no part (boundary not found)");
        }
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        for (int parts = 0; parts < MAX_PARTS; parts++) {
            int lineEnd = pos + delimiter.length;
            if (lineEnd + 2 <= body.length && body[lineEnd] == '-' && body[lineEnd + 1] == '-') {
                break; // the closing delimiter
            }
            int headersStart = indexOf(body, "\r\n".getBytes(StandardCharsets.ISO_8859_1), lineEnd);
            if (headersStart < 0) {
                break;
            }
            headersStart += 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0 || headersEnd - headersStart > MAX_PART_HEADERS) {
                throw ApiException.badRequest("a part of the multipart body has no end of headers within "
                        + MAX_PART_HEADERS + " bytes");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT);
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw ApiException.badRequest("the multipart body ends inside a part");
            }
            if (headers.contains("filename=") || headers.matches("(?s).*content-disposition:[^\\r\\n]*name=\"?file\"?.*")) {
                return Arrays.copyOfRange(body, contentStart, contentEnd);
            }
            pos = contentEnd + 2;
        }
        throw ApiException.badRequest("the multipart body has no file part (a part with a filename, or named 'file')");
    }

    private static String boundary(String contentType) {
        for (String p : (contentType == null ? "" : contentType).split(";")) {
            String param = p.strip();
            if (param.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = param.substring("boundary=".length()).strip();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty() && b.length() <= 70) {
                    return b;
                }
            }
        }
        throw ApiException.badRequest("multipart/form-data needs a boundary of 1 to 70 characters");
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
