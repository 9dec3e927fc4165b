package org.xnat.router.deid.internal.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the one shape the profile table has: an array of objects whose values are strings. */
final class FlatJson {

    private final String s;
    private int pos;

    private FlatJson(String s) {
        this.s = s;
    }

    static List<Map<String, String>> parseArrayOfObjects(String json) {
        FlatJson p = new FlatJson(json);
        List<Map<String, String>> rows = new ArrayList<>();
        p.expect('[');
        if (p.peek() == ']') {
            p.pos++;
            return rows;
        }
        do {
            rows.add(p.object());
        } while (p.comma(']'));
        return rows;
    }

    private Map<String, String> object() {
        Map<String, String> m = new LinkedHashMap<>();
        expect('{');
        if (peek() == '}') {
            pos++;
            return m;
        }
        do {
            String k = string();
            expect(':');
            m.put(k, string());
        } while (comma('}'));
        return m;
    }

    private boolean comma(char close) {
        char c = peek();
        pos++;
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        throw error("',' or '" + close + "'");
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        throw error("end of string");
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private char peek() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
        if (pos >= s.length()) {
            throw error("more input");
        }
        return s.charAt(pos);
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("profile table JSON: expected " + expected + " at offset " + pos);
    }
}
