package org.xnat.dicom.net;

/** Implementation identification sent in every association (PS3.7 D.3.3.2). */
public final class Implementation {
    /** Implementation Class UID of this toolkit (a UUID-derived UID under 2.25). */
    public static final String CLASS_UID = "2.25.324755286623926099263067619113710961403";
    /** Implementation Version Name (at most 16 characters). */
    public static final String VERSION_NAME = "XNAT_ROUTER_010";

    private Implementation() {
    }
}
