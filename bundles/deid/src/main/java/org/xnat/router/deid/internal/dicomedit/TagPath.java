package org.xnat.router.deid.internal.dicomedit;

import java.util.ArrayList;
import java.util.List;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Sequence;

/**
 * A DicomEdit tag path: sequence steps then an element. {@code (0008,1115)/(0020,000E)} every item of the
 * sequence, {@code (0008,1115)[0]/...} its first item, {@code * /...} one level of any sequence, {@code +/...}
 * any depth of sequences (at least one: {@code +/(0010,0010)} is never the top-level element).
 */
record TagPath(List<Step> steps, TagSelector element, String text) {

    sealed interface Step permits Into, AnyOneLevel, AnyDepth {
    }

    /** Into the items of the sequences the selector matches; {@code item} -1 for all items. */
    record Into(TagSelector sequence, int item) implements Step {
    }

    record AnyOneLevel() implements Step {
    }

    record AnyDepth() implements Step {
    }

    record Location(Attributes item, int tag) {
    }

    /** A path naming one element at top level that can be created. */
    boolean isCreatable() {
        return steps.isEmpty() && element.isExact();
    }

    boolean isTopLevel() {
        return steps.isEmpty();
    }

    /** The items the sequence steps lead to (the root for a top-level path). */
    List<Attributes> items(Attributes root) {
        List<Attributes> items = List.of(root);
        for (Step step : steps) {
            List<Attributes> next = new ArrayList<>();
            for (Attributes item : items) {
                if (step instanceof Into into) {
                    for (int tag : item.tags()) {
                        if (into.sequence().matches(item, tag) && item.getValue(tag) instanceof Sequence s) {
                            if (into.item() < 0) {
                                s.forEach(next::add);
                            } else if (into.item() < s.size()) {
                                next.add(s.get(into.item()));
                            }
                        }
                    }
                } else {
                    children(item, next, step instanceof AnyDepth);
                }
            }
            items = next;
        }
        return items;
    }

    private static void children(Attributes item, List<Attributes> out, boolean deep) {
        for (int i = 0; i < item.size(); i++) {
            if (item.valueAt(i) instanceof Sequence s) {
                for (Attributes child : s) {
                    out.add(child);
                    if (deep) {
                        children(child, out, true);
                    }
                }
            }
        }
    }

    /** The present elements the path matches. */
    List<Location> resolve(Attributes root) {
        List<Location> out = new ArrayList<>();
        for (Attributes item : items(root)) {
            for (int tag : item.tags()) {
                if (element.matches(item, tag)) {
                    out.add(new Location(item, tag));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
