package org.xnat.dicom.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The value of an SQ element: a list of items, each an {@link Attributes} whose parent is the dataset holding
 * the sequence (so an item inherits the Specific Character Set unless it has its own (0008,0005)).
 *
 * <pre>{@code Sequence seq = attrs.newSequence(Tag.ReferencedSeriesSequence);
 * Attributes item = seq.addItem();
 * item.setString(Tag.SeriesInstanceUID, VR.UI, uid);}</pre>
 */
public final class Sequence implements Iterable<Attributes> {

    private final Attributes parent;
    private final List<Attributes> items = new ArrayList<>();
    private boolean undefinedLength = true;

    Sequence(Attributes parent) {
        this.parent = parent;
    }

    public Attributes parent() {
        return parent;
    }

    /** Appends a new empty item and returns it. */
    public Attributes addItem() {
        Attributes item = new Attributes(parent, 8);
        items.add(item);
        return item;
    }

    /** Appends a deep copy of {@code item} (which keeps its own attributes) and returns the copy. */
    public Attributes addItem(Attributes item) {
        Attributes copy = new Attributes(item, parent);
        items.add(copy);
        return copy;
    }

    public Attributes get(int index) {
        return items.get(index);
    }

    public Attributes remove(int index) {
        return items.remove(index);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public List<Attributes> items() {
        return java.util.Collections.unmodifiableList(items);
    }

    @Override
    public Iterator<Attributes> iterator() {
        return items().iterator();
    }

    /** Encoding hint kept from reading so that a round trip is byte-exact; new sequences use undefined length. */
    public boolean isUndefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sequence s && s.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return "Sequence[" + items.size() + " items]";
    }
}
