package org.xnat.dicom.data;

// GENERATED from src/build/templates/Tag.java and src/build/dicom-standard/attributes.json
// by org.xnat.dicom.build.DictionaryGenerator (test scope); do not edit by hand.

/**
 * Data element tags as {@code int} (group in the high 16 bits, element in the low 16 bits), with one
 * constant per keyword of PS3.6 (retired ones too). Repeating-group elements such as (60xx,3000) have the
 * constant of their first group (0x60003000).
 */
public final class Tag {

    private Tag() {
    }

    /** Tag from group and element numbers. */
    public static int of(int group, int element) {
        return (group & 0xFFFF) << 16 | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Odd group numbers other than 0001, 0003, 0005, 0007 and FFFF hold private data elements (PS3.5 7.8). */
    public static boolean isPrivate(int tag) {
        int group = group(tag);
        return (group & 1) != 0 && group > 0x0008 && group != 0xFFFF;
    }

    /** (gggg,0010-00FF) in a private group: the element that reserves a block for a private creator. */
    public static boolean isPrivateCreator(int tag) {
        int element = element(tag);
        return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
    }

    /** For a private data element (gggg,xxee) the tag of its creator (gggg,00xx); -1 if there is none. */
    public static int privateCreatorOf(int tag) {
        int element = element(tag);
        if (!isPrivate(tag) || element < 0x1000) {
            return -1;
        }
        return (tag & 0xFFFF0000) | (element >>> 8);
    }

    /** Group length elements (gggg,0000). */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** "(gggg,eeee)" with upper-case hex digits. */
    public static String toString(int tag) {
        char[] s = {'(', 0, 0, 0, 0, ',', 0, 0, 0, 0, ')'};
        for (int i = 0; i < 4; i++) {
            s[1 + i] = HEX[(tag >>> (28 - 4 * i)) & 0xF];
            s[6 + i] = HEX[(tag >>> (12 - 4 * i)) & 0xF];
        }
        return new String(s);
    }

    /** Parses "(gggg,eeee)", "gggg,eeee" or "ggggeeee" (hex, any case). */
    public static int parse(String text) {
        String s = text.trim();
        if (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1);
        }
        s = s.replace(",", "");
        if (s.length() != 8) {
            throw new IllegalArgumentException("Not a DICOM tag: " + text);
        }
        try {
            return (int) Long.parseLong(s, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a DICOM tag: " + text, e);
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Item (FFFE,E000), Item Delimitation Item (FFFE,E00D), Sequence Delimitation Item (FFFE,E0DD) (PS3.5 7.5). */
    public static final int Item = 0xFFFEE000;
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    // @@CONSTANTS@@
}
