package org.xnat.router.deid.internal.broker;

import java.util.Locale;

/** The kinds of identifier an honest broker maps; {@link #key()} is what the crosswalk table stores. */
public enum IdType {
    PATIENT_ID, PATIENT_NAME, ACCESSION, STUDY_UID, SERIES_UID, SOP_UID, DATE_SHIFT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a key such as {@code "patient_id"}, or {@code null}. */
    public static IdType of(String key) {
        for (IdType t : values()) {
            if (t.key().equalsIgnoreCase(key.trim())) {
                return t;
            }
        }
        return null;
    }
}
