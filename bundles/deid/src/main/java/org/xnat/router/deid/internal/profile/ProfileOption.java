package org.xnat.router.deid.internal.profile;

/**
 * The options of the Basic Application Level Confidentiality Profile (PS3.15 E.3), with the column of Table
 * E.1-1 that holds each option's action, the configuration key that enables it and its code in CID 7050
 * "De-identification Method" (PS3.16, coding scheme DCM).
 */
public enum ProfileOption {
    RETAIN_UIDS("rtnUIDsOpt", "retain_uids", "113110", "Retain UIDs Option"),
    RETAIN_DEVICE_IDENTITY("rtnDevIdOpt", "retain_device_identity", "113109", "Retain Device Identity Option"),
    RETAIN_INSTITUTION_IDENTITY("rtnInstIdOpt", "retain_institution_identity", "113112",
            "Retain Institution Identity Option"),
    RETAIN_PATIENT_CHARACTERISTICS("rtnPatCharsOpt", "retain_patient_characteristics", "113108",
            "Retain Patient Characteristics Option"),
    RETAIN_LONGITUDINAL_FULL_DATES("rtnLongFullDatesOpt", "retain_longitudinal_full_dates", "113106",
            "Retain Longitudinal Temporal Information Full Dates Option"),
    RETAIN_LONGITUDINAL_MODIFIED_DATES("rtnLongModifDatesOpt", "retain_longitudinal_modified_dates", "113107",
            "Retain Longitudinal Temporal Information Modified Dates Option"),
    CLEAN_DESCRIPTORS("cleanDescOpt", "clean_descriptors", "113105", "Clean Descriptors Option"),
    CLEAN_STRUCTURED_CONTENT("cleanStructContOpt", "clean_structured_content", "113104",
            "Clean Structured Content Option"),
    CLEAN_GRAPHICS("cleanGraphOpt", "clean_graphics", "113103", "Clean Graphics Option"),
    RETAIN_SAFE_PRIVATE("rtnSafePrivOpt", "retain_safe_private", "113111", "Retain Safe Private Option");

    /** CID 7050 code of the profile itself. */
    public static final String BASIC_PROFILE_CODE = "113100";
    public static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";

    private final String column;
    private final String configKey;
    private final String code;
    private final String meaning;

    ProfileOption(String column, String configKey, String code, String meaning) {
        this.column = column;
        this.configKey = configKey;
        this.code = code;
        this.meaning = meaning;
    }

    /** The key of this option's column in confidentiality_profile_attributes.json. */
    public String column() {
        return column;
    }

    public String configKey() {
        return configKey;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
