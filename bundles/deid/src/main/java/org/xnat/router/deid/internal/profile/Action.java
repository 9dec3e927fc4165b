package org.xnat.router.deid.internal.profile;

/**
 * What the profile does to one attribute, after the combinations of Table E.1-1 were resolved and the enabled
 * options applied (see {@link ProfileRule#effectiveAction}).
 */
public enum Action {
    /** X: remove. */
    REMOVE,
    /** Z: keep the attribute with a zero-length value (a sequence with no items). */
    EMPTY,
    /** D: a dummy value of the same VR; a sequence keeps its items, de-identified recursively. */
    DUMMY,
    /** U: a UID replaced by its keyed hash (consistently in every instance). */
    UID,
    /** K: keep (sequences are still de-identified inside). */
    KEEP,
    /** C of the Modified Dates option: dates shifted by the per-patient offset. */
    SHIFT_DATE,
    /** C of the other options: text cleaned of the instance's identifying values; sequences de-identified inside. */
    CLEAN
}
