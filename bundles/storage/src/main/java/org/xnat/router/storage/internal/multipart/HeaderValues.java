package org.xnat.router.storage.internal.multipart;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Parses {@code value; name=token; name="quoted"} header values (Content-Type, Content-Disposition). */
final class HeaderValues {

    private HeaderValues() {
    }

    /**
     * @param value the header value
     * @param params receives the parameters, names in lower case; an RFC 5987 {@code name*} value is decoded
     *        and stored under {@code name*}
     * @return the leading value in lower case
     */
    static String parse(String value, Map<String, String> params) {
        int i = 0;
        int n = value.length();
        int semi = value.indexOf(';');
        String main = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        i = semi < 0 ? n : semi + 1;
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ';')) {
                i++;
            }
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder v = new StringBuilder();
            if (i < n && value.charAt(i) == '"') {
                i++;
                // browsers percent-encode '"' in file names and do not escape backslashes; other clients send \"
                while (i < n && value.charAt(i) != '"') {
                    char c = value.charAt(i);
                    if (c == '\\' && i + 1 < n && value.charAt(i + 1) == '"') {
                        v.append('"');
                        i += 2;
                        continue;
                    }
                    v.append(c);
                    i++;
                }
                i++; // closing quote
                int next = value.indexOf(';', Math.min(i, n));
                i = next < 0 ? n : next;
            } else {
                int next = value.indexOf(';', i);
                int end = next < 0 ? n : next;
                v.append(value, i, end);
                i = end;
            }
            String val = v.toString();
            if (name.endsWith("*")) {
                val = decodeExtended(val);
            } else if (!name.equals("filename")) {
                val = val.strip();
            }
            params.putIfAbsent(name, val);
        }
        return main;
    }

    /** RFC 5987 {@code charset'lang'percent-encoded}; the raw text when malformed. */
    private static String decodeExtended(String v) {
        int a = v.indexOf('\'');
        int b = a < 0 ? -1 : v.indexOf('\'', a + 1);
        if (b < 0) {
            return v;
        }
        try {
            Charset cs = Charset.forName(v.substring(0, a).strip());
            return URLDecoder.decode(v.substring(b + 1).replace("+", "%2B"), cs);
        } catch (RuntimeException e) {
            return URLDecoder.decode(v.substring(b + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }
}
