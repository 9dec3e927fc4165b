package org.xnat.dicom.data;

import java.util.Arrays;

/**
 * A PN value (PS3.5 6.2.1): up to three component groups (alphabetic, ideographic, phonetic) separated by
 * '=', each with up to five components separated by '^': family, given, middle, prefix, suffix.
 *
 * <pre>{@code PersonName pn = PersonName.parse("Doe^John");  pn.family(); // "Doe"
 * PersonName.of("Doe", "Jane").toString();                // "Doe^Jane"}</pre>
 */
public final class PersonName {

    public enum Group { ALPHABETIC, IDEOGRAPHIC, PHONETIC }

    public enum Component { FAMILY, GIVEN, MIDDLE, PREFIX, SUFFIX }

    private final String[][] parts = new String[3][5];

    private PersonName() {
    }

    /** Parses one PN value (not a multi-valued string). */
    public static PersonName parse(String value) {
        PersonName pn = new PersonName();
        if (value == null) {
            return pn;
        }
        String[] groups = value.split("=", -1);
        for (int g = 0; g < Math.min(3, groups.length); g++) {
            String[] comps = groups[g].split("\\^", -1);
            for (int c = 0; c < Math.min(5, comps.length); c++) {
                String s = comps[c].trim();
                pn.parts[g][c] = s.isEmpty() ? null : s;
            }
            if (comps.length > 5) { // tolerate extra '^': keep them in the suffix
                pn.parts[g][4] = String.join("^", Arrays.copyOfRange(comps, 4, comps.length));
            }
        }
        return pn;
    }

    public static PersonName of(String family, String given) {
        PersonName pn = new PersonName();
        pn.parts[0][0] = family;
        pn.parts[0][1] = given;
        return pn;
    }

    public String get(Group group, Component component) {
        return parts[group.ordinal()][component.ordinal()];
    }

    /** Returns a copy with one component changed ({@code null} or "" removes it). */
    public PersonName with(Group group, Component component, String value) {
        PersonName pn = new PersonName();
        for (int g = 0; g < 3; g++) {
            pn.parts[g] = parts[g].clone();
        }
        pn.parts[group.ordinal()][component.ordinal()] = value == null || value.isEmpty() ? null : value;
        return pn;
    }

    public String family() {
        return get(Group.ALPHABETIC, Component.FAMILY);
    }

    public String given() {
        return get(Group.ALPHABETIC, Component.GIVEN);
    }

    public String middle() {
        return get(Group.ALPHABETIC, Component.MIDDLE);
    }

    public String prefix() {
        return get(Group.ALPHABETIC, Component.PREFIX);
    }

    public String suffix() {
        return get(Group.ALPHABETIC, Component.SUFFIX);
    }

    public boolean isEmpty() {
        return toString().isEmpty();
    }

    /** The group as it is encoded, trailing empty components removed. */
    public String toString(Group group) {
        String[] p = parts[group.ordinal()];
        int n = 5;
        while (n > 0 && p[n - 1] == null) {
            n--;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append('^');
            }
            if (p[i] != null) {
                b.append(p[i]);
            }
        }
        return b.toString();
    }

    /** The DICOM encoding, trailing empty groups and components removed. */
    @Override
    public String toString() {
        String[] g = {toString(Group.ALPHABETIC), toString(Group.IDEOGRAPHIC), toString(Group.PHONETIC)};
        int n = 3;
        while (n > 0 && g[n - 1].isEmpty()) {
            n--;
        }
        return String.join("=", Arrays.copyOf(g, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonName p && p.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
