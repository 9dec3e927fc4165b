package org.xnat.router.config.internal;

import java.math.BigDecimal;
import org.yaml.snakeyaml.nodes.Tag;

/** YAML scalars to Java values and back, for free-form properties. */
final class Scalars {

    private Scalars() {
    }

    /** By resolved tag: int → Integer/Long, float → Double, bool → Boolean, null → null, else the text. */
    static Object convert(Tag tag, String text) {
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            String s = text.trim().toLowerCase(java.util.Locale.ROOT);
            return s.equals("true") || s.equals("yes") || s.equals("on") || s.equals("y");
        }
        if (Tag.INT.equals(tag)) {
            Long v = parseLong(text);
            if (v == null) {
                return text; // octal or base-60 forms of YAML 1.1: kept as written
            }
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return Integer.valueOf(v.intValue()); // not in a ?: with v, which would widen it back to Long
            }
            return v;
        }
        if (Tag.FLOAT.equals(tag)) {
            String s = text.trim().toLowerCase(java.util.Locale.ROOT).replace("_", "");
            switch (s) {
                case ".nan":
                    return Double.NaN;
                case ".inf", "+.inf":
                    return Double.POSITIVE_INFINITY;
                case "-.inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        return text;
                    }
            }
        }
        return text;
    }

    private static Long parseLong(String text) {
        String s = text.trim().replace("_", "");
        try {
            if (s.startsWith("0x") || s.startsWith("-0x") || s.startsWith("+0x")) {
                boolean negative = s.startsWith("-");
                long v = Long.parseLong(s.substring(s.indexOf('x') + 1), 16);
                return negative ? -v : v;
            }
            if (s.length() > 1 && s.matches("[-+]?0[0-7]+")) {
                return null;
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A double written so that YAML reads it back as a float: always with a point, never an exponent. */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        String s = BigDecimal.valueOf(d).toPlainString();
        return s.contains(".") ? s : s + ".0";
    }
}
