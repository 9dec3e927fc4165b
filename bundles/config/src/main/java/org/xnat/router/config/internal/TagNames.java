package org.xnat.router.config.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.dict.ElementDictionary;

/** The spellings of an attribute tag in {@code config.yaml}: a PS3.6 keyword or {@code (gggg,eeee)}. */
final class TagNames {

    private static final Pattern GROUP_ELEMENT =
            Pattern.compile("\\(?\\s*([0-9A-Fa-f]{4})\\s*,\\s*([0-9A-Fa-f]{4})\\s*\\)?|([0-9A-Fa-f]{8})");
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private TagNames() {
    }

    /** The tag, or {@code null} if the text is neither a known keyword nor a tag number. */
    static Integer parse(String text) {
        String s = text.trim();
        Matcher m = GROUP_ELEMENT.matcher(s);
        if (m.matches()) {
            if (m.group(3) != null) {
                return (int) Long.parseLong(m.group(3), 16);
            }
            return Tag.of(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16));
        }
        if (KEYWORD.matcher(s).matches()) {
            int tag = ElementDictionary.tagForKeyword(s);
            return tag == -1 ? null : tag;
        }
        return null;
    }

    /** The keyword if the dictionary has one that names exactly this tag, else {@code (GGGG,EEEE)}. */
    static String format(int tag) {
        String keyword = ElementDictionary.keywordOf(tag);
        if (keyword != null && ElementDictionary.tagForKeyword(keyword) == tag) {
            return keyword;
        }
        return Tag.toString(tag);
    }
}
