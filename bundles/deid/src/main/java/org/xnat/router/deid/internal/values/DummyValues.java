package org.xnat.router.deid.internal.values;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.VR;

/**
 * The dummy values of the D action (PS3.15 E.1: "a non-zero length value that may be a dummy value and
 * consistent with the VR"): fixed values that fit every VR's length limit and carry no information.
 */
public final class DummyValues {

    public static final String TEXT = "ANONYMIZED";

    private DummyValues() {
    }

    /** Replaces the value of a present non-sequence element with its VR's dummy. */
    public static void replace(Attributes item, int tag, VR vr) {
        Object old = item.getValue(tag);
        switch (vr) {
            case AE, CS, SH, LO, PN, ST, LT, UT, UC -> item.setString(tag, vr, TEXT);
            case DA -> item.setString(tag, vr, "19000101");
            case TM -> item.setString(tag, vr, "000000");
            case DT -> item.setString(tag, vr, "19000101000000");
            case AS -> item.setString(tag, vr, "000D");
            case IS, DS -> item.setString(tag, vr, "0");
            case UR, UN -> item.setNull(tag, vr);
            case UI -> throw new IllegalArgumentException("UIDs are replaced by their hash, not a dummy");
            default -> item.setBytes(tag, vr, old instanceof byte[] b ? new byte[b.length] : new byte[0]);
        }
    }
}
