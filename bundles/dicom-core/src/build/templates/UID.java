package org.xnat.dicom.dict;

import org.xnat.dicom.dict.internal.UidTable;

// GENERATED from src/build/templates/UID.java, src/build/uids-handwritten.tsv and
// src/build/dicom-standard/sops.json by org.xnat.dicom.build.DictionaryGenerator (test scope); do not edit by hand.

/**
 * Well-known UIDs of PS3.6 Annex A: transfer syntaxes, storage SOP classes (PS3.4 Annex B) and the
 * service SOP classes the router uses, with their names.
 */
public final class UID {

    private UID() {
    }

    /** The name in the standard ("CT Image Storage"), or {@code null} for an unknown UID. */
    public static String nameOf(String uid) {
        UidTable.Entry e = UidTable.get(uid);
        return e == null ? null : e.name();
    }

    /** The constant's name in this class ("CTImageStorage"), or {@code null} for an unknown UID. */
    public static String keywordOf(String uid) {
        UidTable.Entry e = UidTable.get(uid);
        return e == null ? null : e.keyword();
    }

    /** The UID of a keyword of this class, or {@code null}. */
    public static String forKeyword(String keyword) {
        return UidTable.forKeyword(keyword);
    }

    /** True for the storage SOP classes of PS3.4 Annex B. */
    public static boolean isStorageSopClass(String uid) {
        UidTable.Entry e = UidTable.get(uid);
        return e != null && e.type() == UidTable.Type.STORAGE_SOP_CLASS;
    }

    /** True if the UID is known and marked retired in the standard. */
    public static boolean isRetired(String uid) {
        UidTable.Entry e = UidTable.get(uid);
        return e != null && e.retired();
    }

    // @@CONSTANTS@@
}
