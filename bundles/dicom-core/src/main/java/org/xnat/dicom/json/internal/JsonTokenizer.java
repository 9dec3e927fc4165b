package org.xnat.dicom.json.internal;

import java.io.IOException;
import java.io.Reader;

import org.xnat.dicom.json.DicomJsonException;
import org.xnat.dicom.json.JsonLimits;

/**
 * A strict pull tokenizer for JSON (RFC 8259): it checks the grammar as it goes (a value where one
 * is allowed, names only in objects, commas and colons where they belong, nothing after the top
 * value), enforces {@link JsonLimits}, and reports errors with line, column and offset.
 */
public final class JsonTokenizer {

    public enum Token { BEGIN_OBJECT, END_OBJECT, BEGIN_ARRAY, END_ARRAY, NAME, STRING, NUMBER, TRUE, FALSE, NULL, END }

    private final Reader in;
    private final JsonLimits limits;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private long consumed; // characters before buf[0]
    private long line = 1;
    private long lineStart; // offset of the first character of the current line

    /** Container stack: true = object, false = array. */
    private boolean[] stack = new boolean[32];
    private int depth;
    /** In an object: next token must be a name (or '}' when {@link #first}). */
    private boolean expectName;
    /** First element of the current container (no comma before it). */
    private boolean first;
    private boolean topDone;

    private String text;
    private long tokenOffset;
    private long tokenLine;
    private long tokenColumn;

    public JsonTokenizer(Reader in, JsonLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Text of the last NAME, STRING or NUMBER token (numbers exactly as written). */
    public String text() {
        return text;
    }

    public int depth() {
        return depth;
    }

    /** An exception located at the start of the last token. */
    public DicomJsonException error(String message) {
        return new DicomJsonException(message, tokenOffset, tokenLine, tokenColumn);
    }

    private DicomJsonException errorHere(String message) {
        long off = consumed + pos;
        return new DicomJsonException(message, off, line, off - lineStart + 1);
    }

    public Token next() throws IOException {
        int c = skipWhitespace();
        markToken();
        if (depth == 0 && topDone) {
            if (c < 0) {
                return Token.END;
            }
            throw errorHere("unexpected data after the JSON value");
        }
        if (c < 0) {
            throw errorHere("unexpected end of input");
        }
        if (depth > 0) {
            boolean inObject = stack[depth - 1];
            if (c == (inObject ? '}' : ']')) {
                if (inObject && !expectName) {
                    throw errorHere("value expected after member name");
                }
                pos++;
                return close(inObject);
            }
            if (!first && !(inObject && !expectName)) {
                // a comma separates elements (for objects: before the next name)
                if (c != ',') {
                    throw errorHere("expected ',' or '" + (inObject ? '}' : ']') + "'");
                }
                pos++;
                c = skipWhitespace();
                markToken();
                if (c < 0) {
                    throw errorHere("unexpected end of input");
                }
                if (c == '}' || c == ']') {
                    throw errorHere("trailing comma");
                }
            }
            if (inObject && (expectName || first)) {
                if (c != '"') {
                    throw errorHere("expected a member name");
                }
                pos++;
                text = readString();
                int colon = skipWhitespace();
                if (colon != ':') {
                    throw errorHere("expected ':' after member name");
                }
                pos++;
                expectName = false;
                first = false;
                return Token.NAME;
            }
            first = false;
            if (inObject) {
                expectName = true;
            }
        }
        return value(c);
    }

    private Token close(boolean object) {
        depth--;
        first = false;
        if (depth == 0) {
            topDone = true;
        } else if (stack[depth - 1]) {
            expectName = true;
        }
        return object ? Token.END_OBJECT : Token.END_ARRAY;
    }

    private Token value(int c) throws IOException {
        if (depth == 0) {
            topDone = true;
        }
        switch (c) {
            case '{':
            case '[':
                pos++;
                if (depth == limits.maxDepth()) {
                    throw errorHere("nesting deeper than " + limits.maxDepth());
                }
                if (depth == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = c == '{';
                topDone = false;
                first = true;
                expectName = c == '{';
                return c == '{' ? Token.BEGIN_OBJECT : Token.BEGIN_ARRAY;
            case '"':
                pos++;
                text = readString();
                return Token.STRING;
            case 't':
                literal("true");
                return Token.TRUE;
            case 'f':
                literal("false");
                return Token.FALSE;
            case 'n':
                literal("null");
                return Token.NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    text = readNumber();
                    return Token.NUMBER;
                }
                throw errorHere("unexpected character '" + (char) c + "'");
        }
    }

    /** Skips the rest of the current value (after its first token was returned). */
    public void skipValue(Token first) throws IOException {
        if (first != Token.BEGIN_ARRAY && first != Token.BEGIN_OBJECT) {
            return;
        }
        int target = depth - 1;
        while (depth > target) {
            next();
        }
    }

    private void markToken() {
        tokenOffset = consumed + pos;
        tokenLine = line;
        tokenColumn = tokenOffset - lineStart + 1;
    }

    private void literal(String word) throws IOException {
        for (int i = 0; i < word.length(); i++) {
            if (peek() != word.charAt(i)) {
                throw errorHere("invalid literal, expected '" + word + "'");
            }
            pos++;
        }
        int c = peek();
        if (c >= 0 && (Character.isLetterOrDigit(c) || c == '_')) {
            throw errorHere("invalid literal, expected '" + word + "'");
        }
    }

    private String readNumber() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c = peek();
        if (c == '-') {
            take(sb);
            c = peek();
        }
        if (c == '0') {
            take(sb);
            c = peek();
            if (c >= '0' && c <= '9') {
                throw errorHere("leading zero in number");
            }
        } else if (c >= '1' && c <= '9') {
            digits(sb);
        } else {
            throw errorHere("digit expected");
        }
        c = peek();
        if (c == '.') {
            take(sb);
            if (!isDigit(peek())) {
                throw errorHere("digit expected after '.'");
            }
            digits(sb);
            c = peek();
        }
        if (c == 'e' || c == 'E') {
            take(sb);
            c = peek();
            if (c == '+' || c == '-') {
                take(sb);
            }
            if (!isDigit(peek())) {
                throw errorHere("digit expected in exponent");
            }
            digits(sb);
        }
        return sb.toString();
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void digits(StringBuilder sb) throws IOException {
        while (isDigit(peek())) {
            take(sb);
        }
    }

    private void take(StringBuilder sb) throws IOException {
        if (sb.length() >= limits.maxNumberLength()) {
            throw errorHere("number longer than " + limits.maxNumberLength() + " characters");
        }
        sb.append((char) peek());
        pos++;
    }

    private String readString() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos == len && !fill()) {
                throw errorHere("unterminated string");
            }
            // copy a run of plain characters at once
            int start = pos;
            while (pos < len) {
                char ch = buf[pos];
                if (ch == '"' || ch == '\\' || ch < 0x20) {
                    break;
                }
                pos++;
            }
            append(sb, start, pos - start);
            if (pos == len) {
                continue;
            }
            char ch = buf[pos];
            if (ch == '"') {
                pos++;
                return sb.toString();
            }
            if (ch < 0x20) {
                throw errorHere("unescaped control character in string");
            }
            pos++; // backslash
            int e = peek();
            if (e < 0) {
                throw errorHere("unterminated string");
            }
            pos++;
            char decoded = switch (e) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '/' -> '/';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> unicodeEscape();
                default -> {
                    pos--; // point at the offending character
                    throw errorHere("invalid escape '\\" + (char) e + "'");
                }
            };
            if (sb.length() >= limits.maxStringLength()) {
                throw errorHere("string longer than " + limits.maxStringLength() + " characters");
            }
            sb.append(decoded);
        }
    }

    private void append(StringBuilder sb, int start, int n) throws DicomJsonException {
        if (sb.length() + n > limits.maxStringLength()) {
            throw errorHere("string longer than " + limits.maxStringLength() + " characters");
        }
        sb.append(buf, start, n);
    }

    private char unicodeEscape() throws IOException {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int h = Character.digit(peek(), 16);
            if (h < 0 || peek() > 0x7F) {
                throw errorHere("invalid \\u escape");
            }
            v = v << 4 | h;
            pos++;
        }
        return (char) v;
    }

    private int skipWhitespace() throws IOException {
        while (true) {
            int c = peek();
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                pos++;
                line++;
                lineStart = consumed + pos;
            } else {
                return c;
            }
        }
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        consumed += len;
        pos = 0;
        len = 0;
        if (consumed >= limits.maxDocumentLength()) {
            throw new DicomJsonException("document longer than " + limits.maxDocumentLength() + " characters",
                    consumed, line, consumed - lineStart + 1);
        }
        int n = in.read(buf, 0, (int) Math.min(buf.length, limits.maxDocumentLength() - consumed + 1));
        if (n <= 0) {
            return false;
        }
        len = n;
        return true;
    }
}
