package org.xnat.router.routing.internal.route;

import java.util.List;
import java.util.regex.Pattern;

import org.xnat.dicom.data.Attributes;
import org.xnat.router.config.MatchOperator;

/** The comparison of rules, filters and {@code tag_value} validations; a multi-valued attribute matches if any value does. */
final class Matcher {

    private Matcher() {
    }

    static boolean matches(Attributes header, int tag, MatchOperator op, String value, List<String> values) {
        for (String actual : valuesOf(header, tag)) {
            if (matches(actual, op, value, values)) {
                return true;
            }
        }
        return false;
    }

    /** The values of an attribute, trimmed; a missing or empty attribute is one empty value. */
    static String[] valuesOf(Attributes header, int tag) {
        String[] vs = header.containsValue(tag) ? header.getStrings(tag) : null;
        if (vs == null || vs.length == 0) {
            return new String[] {""};
        }
        String[] out = new String[vs.length];
        for (int i = 0; i < vs.length; i++) {
            out[i] = vs[i] == null ? "" : vs[i].strip();
        }
        return out;
    }

    static boolean matches(String actual, MatchOperator op, String value, List<String> values) {
        String v = value == null ? "" : value;
        return switch (op) {
            case EQUALS -> actual.equals(v);
            case CONTAINS -> actual.contains(v);
            case STARTS_WITH -> actual.startsWith(v);
            case ENDS_WITH -> actual.endsWith(v);
            case MATCHES -> Pattern.compile(v).matcher(actual).matches();
            case IN -> values.contains(actual);
        };
    }
}
