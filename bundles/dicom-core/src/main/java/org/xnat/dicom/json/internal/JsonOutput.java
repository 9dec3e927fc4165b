package org.xnat.dicom.json.internal;

import java.io.IOException;
import java.io.Writer;

/** Low-level JSON emitter: commas, optional indentation and string escaping; no validation. */
public final class JsonOutput {

    private final Writer out;
    private final boolean pretty;
    private int level;
    private boolean needComma;

    public JsonOutput(Writer out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    public void beginObject() throws IOException {
        separator();
        out.write('{');
        level++;
        needComma = false;
    }

    public void endObject() throws IOException {
        close('}');
    }

    public void beginArray() throws IOException {
        separator();
        out.write('[');
        level++;
        needComma = false;
    }

    public void endArray() throws IOException {
        close(']');
    }

    private void close(char c) throws IOException {
        level--;
        if (needComma) {
            newline();
        }
        out.write(c);
        needComma = true;
    }

    public void name(String name) throws IOException {
        separator();
        string(name);
        out.write(pretty ? ": " : ":");
        needComma = false;
        nameWritten = true;
    }

    private boolean nameWritten;

    public void stringValue(String s) throws IOException {
        separator();
        string(s);
        needComma = true;
    }

    /** A number already formatted as valid JSON. */
    public void rawValue(String json) throws IOException {
        separator();
        out.write(json);
        needComma = true;
    }

    public void nullValue() throws IOException {
        rawValue("null");
    }

    /** Start of a string value whose content is written with {@link #rawChars}, then {@link #endString}. */
    public void beginString() throws IOException {
        separator();
        out.write('"');
    }

    /** Characters that need no escaping (e.g. base64). */
    public void rawChars(char[] chars, int off, int len) throws IOException {
        out.write(chars, off, len);
    }

    public void endString() throws IOException {
        out.write('"');
        needComma = true;
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void separator() throws IOException {
        if (nameWritten) {
            nameWritten = false;
            return;
        }
        if (needComma) {
            out.write(',');
        }
        if (level > 0) {
            newline();
        }
    }

    private void newline() throws IOException {
        if (pretty) {
            out.write('\n');
            for (int i = 0; i < level; i++) {
                out.write("  ");
            }
        }
    }

    private void string(String s) throws IOException {
        out.write('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validPair(s, i)
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (esc != null) {
                out.write(s, start, i - start);
                out.write(esc);
                start = i + 1;
            }
        }
        out.write(s, start, s.length() - start);
        out.write('"');
    }

    /** Lone surrogates are escaped so the output stays valid UTF-8. */
    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
