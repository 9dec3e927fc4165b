package org.xnat.router.deid.internal.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private data elements the Retain Safe Private option keeps, written as in DicomEdit:
 * {@code (0019,{SIEMENS MR HEADER}0C)}: group, private creator and element offset within the creator's block.
 * PS3.15 E.3.10 leaves the list to what the site knows to be safe; none is built in.
 */
public final class SafePrivateTags {

    private static final Pattern FORM = Pattern.compile("\\(\\s*([0-9A-Fa-f]{4})\\s*,\\s*\\{([^}]+)}\\s*([0-9A-Fa-f]{2})\\s*\\)");

    private record Entry(int group, String creator, int offset) {
    }

    private final List<Entry> entries;

    private SafePrivateTags(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static SafePrivateTags parse(List<String> specs) {
        List<Entry> entries = new ArrayList<>();
        for (String s : specs) {
            Matcher m = FORM.matcher(s.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + s + "' is not a private tag like (0019,{CREATOR}0C)");
            }
            int group = Integer.parseInt(m.group(1), 16);
            if ((group & 1) == 0) {
                throw new IllegalArgumentException("'" + s + "' is not in a private (odd) group");
            }
            entries.add(new Entry(group, m.group(2).trim().toUpperCase(Locale.ROOT), Integer.parseInt(m.group(3), 16)));
        }
        return new SafePrivateTags(entries);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean contains(int tag, String creator) {
        if (creator == null) {
            return false;
        }
        String c = creator.trim().toUpperCase(Locale.ROOT);
        for (Entry e : entries) {
            if (e.group == tag >>> 16 && e.offset == (tag & 0xFF) && e.creator.equals(c)) {
                return true;
            }
        }
        return false;
    }
}
