package org.xnat.dicom.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 A.4): a list of items, the first being the Basic Offset Table (possibly
 * empty), each a {@code byte[]} or a {@link BulkDataReference}. Passed through byte-exact; no codec here.
 */
public final class Fragments implements Iterable<Object> {

    private final VR vr;
    private final List<Object> items = new ArrayList<>();

    public Fragments(VR vr) {
        this.vr = vr;
    }

    public VR vr() {
        return vr;
    }

    /** Appends a fragment: {@code byte[]} or {@link BulkDataReference}. */
    public Fragments add(Object fragment) {
        if (!(fragment instanceof byte[]) && !(fragment instanceof BulkDataReference)) {
            throw new IllegalArgumentException("A fragment is byte[] or BulkDataReference, not " + fragment);
        }
        items.add(fragment);
        return this;
    }

    public Object get(int index) {
        return items.get(index);
    }

    public int size() {
        return items.size();
    }

    public List<Object> items() {
        return Collections.unmodifiableList(items);
    }

    @Override
    public Iterator<Object> iterator() {
        return items().iterator();
    }

    Fragments deepCopy() {
        Fragments f = new Fragments(vr);
        for (Object o : items) {
            f.items.add(o instanceof byte[] b ? b.clone() : o);
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fragments f) || f.items.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            Object a = items.get(i);
            Object b = f.items.get(i);
            if (a instanceof byte[] x && b instanceof byte[] y ? !Arrays.equals(x, y) : !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return items.size();
    }

    @Override
    public String toString() {
        return "Fragments[" + vr + ", " + items.size() + " items]";
    }
}
