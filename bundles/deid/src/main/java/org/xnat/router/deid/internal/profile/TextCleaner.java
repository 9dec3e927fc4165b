package org.xnat.router.deid.internal.profile;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.DateTimes;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.VR;

/**
 * The C ("clean") action on text: a descriptor is kept but every identifying value of the same instance found in
 * it (patient and staff names and their components, IDs, accession numbers, institution names, identifying
 * dates in the usual written forms) is replaced by {@value #MASK}. It cannot know every identifier a person
 * may have typed; sites that need more use a DicomEdit script or leave the option off (then the text goes).
 */
final class TextCleaner {

    static final String MASK = "***";
    private static final int MIN_LENGTH = 3;
    private static final List<DateTimeFormatter> DATE_FORMS = List.of(
            DateTimeFormatter.ofPattern("uuuuMMdd"), DateTimeFormatter.ofPattern("uuuu-MM-dd"),
            DateTimeFormatter.ofPattern("dd/MM/uuuu"), DateTimeFormatter.ofPattern("MM/dd/uuuu"),
            DateTimeFormatter.ofPattern("dd.MM.uuuu"), DateTimeFormatter.ofPattern("uuuu.MM.dd"));

    private final Pattern needles;

    private TextCleaner(Pattern needles) {
        this.needles = needles;
    }

    /**
     * @param original the instance before de-identification
     * @param identifying whether a (standard) tag's value identifies, i.e. the profile does not keep it
     */
    static TextCleaner of(Attributes original, IntPredicate identifying) {
        Set<String> values = new LinkedHashSet<>();
        collect(original, identifying, values);
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        if (sorted.isEmpty()) {
            return new TextCleaner(null);
        }
        StringBuilder alt = new StringBuilder();
        for (String s : sorted) {
            if (alt.length() > 0) {
                alt.append('|');
            }
            alt.append(Pattern.quote(s));
        }
        return new TextCleaner(Pattern.compile(alt.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    private static void collect(Attributes item, IntPredicate identifying, Set<String> out) {
        for (int i = 0; i < item.size(); i++) {
            int tag = item.tagAt(i);
            VR vr = item.vrAt(i);
            if (item.valueAt(i) instanceof Sequence s) {
                for (Attributes child : s) {
                    collect(child, identifying, out);
                }
                continue;
            }
            if (!identifying.test(tag) || !vr.isString()) {
                continue;
            }
            String[] vs = item.getStrings(tag);
            if (vs == null) {
                continue;
            }
            for (String v : vs) {
                if (vr == VR.DA) {
                    addDate(v, out);
                } else if (vr == VR.DT && v.length() >= 8) {
                    addDate(v.substring(0, 8), out);
                } else if (vr == VR.PN) {
                    for (String part : v.split("[\\^=]")) {
                        add(part, out);
                    }
                    add(v, out);
                } else if (vr != VR.TM && vr != VR.UI && vr != VR.IS && vr != VR.DS && vr != VR.CS && vr != VR.AS) {
                    add(v, out);
                }
            }
        }
    }

    private static void addDate(String da, Set<String> out) {
        try {
            LocalDate d = DateTimes.parseDate(da);
            for (DateTimeFormatter f : DATE_FORMS) {
                out.add(d.format(f));
            }
        } catch (RuntimeException e) {
            add(da, out);
        }
    }

    private static void add(String v, Set<String> out) {
        String t = v.strip();
        if (t.length() >= MIN_LENGTH) {
            out.add(t.toLowerCase(Locale.ROOT));
        }
    }

    String clean(String text) {
        if (needles == null || text == null) {
            return text;
        }
        Matcher m = needles.matcher(text);
        return m.replaceAll(MASK);
    }
}
