package org.xnat.router.deid.internal.profile;

import java.util.Locale;

/**
 * The tag column of Table E.1-1: a tag {@code (0010,0010)}, a repeating group {@code (60XX,3000)} or
 * {@code (50XX,XXXX)} where X is any hex digit, or a range {@code (0020,3100 to 31FF)}.
 */
record TagPattern(int value, int mask, int from, int to) {

    static TagPattern parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (!s.startsWith("(") || !s.endsWith(")")) {
            throw new IllegalArgumentException("not a tag: " + text);
        }
        s = s.substring(1, s.length() - 1).replace(" ", "");
        int comma = s.indexOf(',');
        if (comma != 4) {
            throw new IllegalArgumentException("not a tag: " + text);
        }
        String group = s.substring(0, 4);
        String element = s.substring(5);
        int to = element.indexOf("TO");
        if (to >= 0) {
            int g = Integer.parseInt(group, 16);
            int a = Integer.parseInt(element.substring(0, to), 16);
            int b = Integer.parseInt(element.substring(to + 2), 16);
            return new TagPattern(0, 0, g << 16 | a, g << 16 | b);
        }
        String hex = group + element;
        if (hex.length() != 8) {
            throw new IllegalArgumentException("not a tag: " + text);
        }
        int value = 0;
        int mask = 0;
        for (int i = 0; i < 8; i++) {
            char c = hex.charAt(i);
            value <<= 4;
            mask <<= 4;
            if (c != 'X') {
                value |= Character.digit(c, 16);
                mask |= 0xF;
                if (Character.digit(c, 16) < 0) {
                    throw new IllegalArgumentException("not a tag: " + text);
                }
            }
        }
        return new TagPattern(value, mask, 0, 0);
    }

    boolean isExact() {
        return mask == 0xFFFFFFFF;
    }

    boolean matches(int tag) {
        if (mask == 0 && value == 0) {
            return Integer.compareUnsigned(tag, from) >= 0 && Integer.compareUnsigned(tag, to) <= 0;
        }
        return (tag & mask) == value;
    }
}
