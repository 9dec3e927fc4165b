package org.xnat.router.deid.internal.tester;

import java.util.ArrayList;
import java.util.List;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.ElementDictionary;
import org.xnat.router.deid.TagChange;

/** The per-element differences between a dataset before and after processing, sequences item by item. */
final class AttributesDiff {

    private static final int MAX_TEXT = 256;

    private AttributesDiff() {
    }

    static List<TagChange> diff(Attributes before, Attributes after) {
        List<TagChange> out = new ArrayList<>();
        diff(before, after, "", out);
        return out;
    }

    private static void diff(Attributes a, Attributes b, String path, List<TagChange> out) {
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int ta = i < a.size() ? a.tagAt(i) : -1;
            int tb = j < b.size() ? b.tagAt(j) : -1;
            int cmp = i >= a.size() ? 1 : j >= b.size() ? -1 : Integer.compareUnsigned(ta, tb);
            if (cmp < 0) {
                out.add(change(path, ta, text(a, ta), null));
                i++;
            } else if (cmp > 0) {
                out.add(change(path, tb, null, text(b, tb)));
                j++;
            } else {
                Object va = a.valueAt(i);
                Object vb = b.valueAt(j);
                if (va instanceof Sequence sa && vb instanceof Sequence sb) {
                    String p = path + Tag.toString(ta);
                    int n = Math.max(sa.size(), sb.size());
                    for (int k = 0; k < n; k++) {
                        if (k >= sa.size()) {
                            out.add(new TagChange(p + "[" + k + "]", keyword(ta), null, "(item)"));
                        } else if (k >= sb.size()) {
                            out.add(new TagChange(p + "[" + k + "]", keyword(ta), "(item)", null));
                        } else {
                            diff(sa.get(k), sb.get(k), p + "[" + k + "]/", out);
                        }
                    }
                } else {
                    String x = text(a, ta);
                    String y = text(b, tb);
                    if (!x.equals(y) || a.vrAt(i) != b.vrAt(j)) {
                        out.add(change(path, ta, x, y));
                    }
                }
                i++;
                j++;
            }
        }
    }

    private static TagChange change(String path, int tag, String before, String after) {
        return new TagChange(path + Tag.toString(tag), keyword(tag), before, after);
    }

    private static String keyword(int tag) {
        String k = Tag.isPrivate(tag) ? null : ElementDictionary.keywordOf(tag);
        return k == null ? "" : k;
    }

    private static String text(Attributes item, int tag) {
        Object v = item.getValue(tag);
        VR vr = item.getVR(tag);
        String t;
        if (v instanceof Sequence s) {
            t = "(sequence of " + s.size() + " items)";
        } else if (v instanceof byte[] b && vr.isString()) {
            t = item.getText(tag);
        } else if (v instanceof byte[] b && (vr == VR.OB || vr == VR.OW || vr == VR.UN || vr == VR.OF || vr == VR.OD
                || vr == VR.OL || vr == VR.OV)) {
            t = "(" + b.length + " bytes, hash " + Integer.toHexString(java.util.Arrays.hashCode(b)) + ")";
        } else if (v instanceof byte[]) {
            String[] s = item.getStrings(tag);
            t = s == null ? "" : String.join("\\", s);
        } else {
            t = String.valueOf(v);
        }
        t = t == null ? "" : t.strip();
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + "..." : t;
    }
}
