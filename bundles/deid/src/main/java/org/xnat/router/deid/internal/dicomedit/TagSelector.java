package org.xnat.router.deid.internal.dicomedit;

import java.util.Locale;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;

/**
 * The element part of a tag path: {@code (gggg,eeee)} where X stands for any hex digit, or a private element
 * {@code (gggg,{CREATOR}ee)} found through the block its creator reserved in the dataset, whatever the block.
 */
record TagSelector(int value, int mask, String creator, String text) {

    static TagSelector parse(String compact) {
        String group = compact.substring(0, 4);
        String rest = compact.substring(5);
        if (rest.startsWith("{")) {
            int close = rest.indexOf('}');
            String creator = rest.substring(1, close).trim();
            String offset = rest.substring(close + 1);
            int[] g = hex(group);
            int[] o = hex(offset);
            return new TagSelector(g[0] << 16 | o[0], g[1] << 16 | o[1], creator, "(" + compact + ")");
        }
        int[] t = hex(group + rest);
        return new TagSelector(t[0], t[1], null, "(" + compact.toUpperCase(Locale.ROOT) + ")");
    }

    private static int[] hex(String digits) {
        int v = 0;
        int m = 0;
        for (char c : digits.toCharArray()) {
            v <<= 4;
            m <<= 4;
            if (c != 'X' && c != 'x') {
                v |= Character.digit(c, 16);
                m |= 0xF;
            }
        }
        return new int[] {v, m};
    }

    boolean isPrivateForm() {
        return creator != null;
    }

    /** True when the selector names exactly one element (no X); private forms need their creator's block. */
    boolean isExact() {
        return creator == null ? mask == 0xFFFFFFFF : mask == 0xFFFF00FF;
    }

    int group() {
        return value >>> 16;
    }

    boolean matches(Attributes item, int tag) {
        if (creator == null) {
            return (tag & mask) == value;
        }
        if ((tag & 0xFFFF0000 & mask) != (value & 0xFFFF0000) || !Tag.isPrivate(tag) || Tag.element(tag) < 0x1000) {
            return false;
        }
        if (((tag & 0xFF) & (mask & 0xFF)) != (value & 0xFF)) {
            return false;
        }
        String c = item.getPrivateCreator(tag);
        return c != null && c.trim().equals(creator);
    }

    @Override
    public String toString() {
        return text;
    }
}
