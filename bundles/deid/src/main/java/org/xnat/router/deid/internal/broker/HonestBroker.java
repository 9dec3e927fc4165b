package org.xnat.router.deid.internal.broker;

/**
 * Replaces original identifiers by research identifiers, the same every time. The local broker keeps its
 * mappings in a {@link Crosswalk}; a remote broker (a later addition) would ask a broker service instead.
 */
public interface HonestBroker {

    String name();

    /**
     * The research value of an original: for {@link IdType#PATIENT_NAME} and {@link IdType#DATE_SHIFT} the
     * original is the patient's original Patient ID (a patient has one research name and one date shift, in
     * days, as a decimal string).
     */
    String map(IdType type, String original) throws BrokerException;

    /** Whether dates are shifted by {@link IdType#DATE_SHIFT}. */
    boolean dateShiftEnabled();

    /** Whether study, series and instance UIDs are replaced. */
    boolean hashUidsEnabled();

    /** The replacement of any other UID (deterministic, consistent with the mapped ones). */
    String hashUid(String uid);
}
