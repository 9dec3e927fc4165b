package org.xnat.dicom.dict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.xnat.dicom.dict.internal.UidTable;

/**
 * The storage SOP classes of PS3.4 Annex B (from the standard's data), e.g. to propose presentation contexts
 * for every storage SOP class an SCP accepts.
 *
 * <pre>{@code for (String sopClass : StorageSopClasses.all()) { ... }}</pre>
 */
public final class StorageSopClasses {

    private StorageSopClasses() {
    }

    /** Every storage SOP Class UID, in the standard's order. */
    public static List<String> all() {
        return Holder.ALL;
    }

    private static final class Holder {
        static final List<String> ALL;

        static {
            List<String> list = new ArrayList<>();
            for (UidTable.Entry e : UidTable.all()) {
                if (e.type() == UidTable.Type.STORAGE_SOP_CLASS) {
                    list.add(e.uid());
                }
            }
            ALL = Collections.unmodifiableList(list);
        }
    }
}
