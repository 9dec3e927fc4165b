package org.xnat.dicom.dict.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.DictionaryEntry;

/**
 * The dictionary tables: exact tags in a sorted int array (binary search), the few repeating-group
 * entries in a short list checked by mask, private entries in a map keyed by creator and (group, element
 * byte). Built once from the generated resources.
 */
public final class ElementTable {

    private final int[] exactTags;
    private final DictionaryEntry[] exactEntries;
    private final DictionaryEntry[] repeating;
    private final Map<String, DictionaryEntry> byKeyword;
    private final Map<String, DictionaryEntry> privates;

    private ElementTable(List<DictionaryEntry> entries, List<DictionaryEntry> privateEntries) {
        List<DictionaryEntry> exact = new ArrayList<>();
        List<DictionaryEntry> rep = new ArrayList<>();
        byKeyword = new HashMap<>(entries.size() * 2);
        for (DictionaryEntry e : entries) {
            (e.mask() == -1 ? exact : rep).add(e);
            byKeyword.put(e.keyword(), e);
        }
        exact.sort((a, b) -> Integer.compareUnsigned(a.tag(), b.tag()));
        exactTags = new int[exact.size()];
        exactEntries = exact.toArray(new DictionaryEntry[0]);
        for (int i = 0; i < exactTags.length; i++) {
            exactTags[i] = exactEntries[i].tag() ^ Integer.MIN_VALUE; // signed order == unsigned tag order
        }
        repeating = rep.toArray(new DictionaryEntry[0]);
        privates = new HashMap<>();
        for (DictionaryEntry e : privateEntries) {
            privates.put(privateKey(e.privateCreator(), e.tag()), e);
        }
    }

    public static ElementTable standard() {
        return Holder.TABLE;
    }

    public DictionaryEntry find(int tag) {
        int i = Arrays.binarySearch(exactTags, tag ^ Integer.MIN_VALUE);
        if (i >= 0) {
            return exactEntries[i];
        }
        for (DictionaryEntry e : repeating) {
            if (e.matches(tag) && repeatingGroupValid(e, tag)) {
                return e;
            }
        }
        return null;
    }

    public DictionaryEntry findPrivate(String creator, int tag) {
        return creator == null ? null : privates.get(privateKey(creator, tag & 0xFFFF00FF));
    }

    public DictionaryEntry byKeyword(String keyword) {
        return keyword == null ? null : byKeyword.get(keyword);
    }

    public int size() {
        return exactTags.length + repeating.length;
    }

    /** Repeating groups 50xx and 60xx only use even groups (PS3.5 7.6). */
    private static boolean repeatingGroupValid(DictionaryEntry e, int tag) {
        return (e.mask() & 0xFF000000) != 0xFF000000 || (e.mask() & 0x00FF0000) == 0x00FF0000 || (tag & 0x10000) == 0;
    }

    private static String privateKey(String creator, int tag) {
        return creator.trim() + '/' + Integer.toHexString(tag & 0xFFFF00FF);
    }

    private static final class Holder {
        static final ElementTable TABLE = load();

        private static ElementTable load() {
            List<DictionaryEntry> entries = new ArrayList<>(5200);
            for (String[] f : rows("elements.tsv", 6)) {
                entries.add(new DictionaryEntry(value(f[0]), mask(f[0]), null, vrs(f[1]), f[2], "Y".equals(f[3]),
                        f[4], f[5]));
            }
            List<DictionaryEntry> privateEntries = new ArrayList<>();
            for (String[] f : rows("private-elements.tsv", 6)) {
                privateEntries.add(new DictionaryEntry(value(f[1]), 0xFFFF00FF, f[0], vrs(f[2]), f[3], false, f[4],
                        f[5]));
            }
            return new ElementTable(entries, privateEntries);
        }

        private static List<String[]> rows(String resource, int columns) {
            List<String[]> rows = new ArrayList<>(5200);
            try (InputStream in = ElementTable.class.getResourceAsStream(resource);
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.startsWith("#") && !line.isBlank()) {
                        rows.add(line.split("\t", columns));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load dictionary resource " + resource, e);
            }
            return rows;
        }

        private static int value(String pattern) {
            return (int) Long.parseLong(pattern.replace('x', '0'), 16);
        }

        private static int mask(String pattern) {
            int mask = 0;
            for (int i = 0; i < 8; i++) {
                mask = mask << 4 | (pattern.charAt(i) == 'x' ? 0 : 0xF);
            }
            return mask;
        }

        private static List<VR> vrs(String text) {
            List<VR> vrs = new ArrayList<>(2);
            for (String s : text.split("\\|")) {
                vrs.add(VR.valueOf(s));
            }
            // Implicit VR Little Endian encodes "OB or OW" pixel-like data as OW (PS3.5 A.1)
            if (vrs.size() > 1 && vrs.contains(VR.OW) && vrs.get(0) == VR.OB) {
                vrs.remove(VR.OW);
                vrs.add(0, VR.OW);
            }
            return vrs;
        }
    }
}
