package org.xnat.dicom.data;

/**
 * Value Representations of PS3.5 Table 6.2-1, with the encoding facts the reader and writer need.
 */
public enum VR {
    AE(Kind.STRING, 0, false, ' '),
    AS(Kind.STRING, 0, false, ' '),
    AT(Kind.BINARY, 4, false, 0),
    CS(Kind.STRING, 0, false, ' '),
    DA(Kind.STRING, 0, false, ' '),
    DS(Kind.STRING, 0, false, ' '),
    DT(Kind.STRING, 0, false, ' '),
    FD(Kind.BINARY, 8, false, 0),
    FL(Kind.BINARY, 4, false, 0),
    IS(Kind.STRING, 0, false, ' '),
    LO(Kind.TEXT, 0, false, ' '),
    LT(Kind.TEXT, 0, false, ' '),
    OB(Kind.BINARY, 1, true, 0),
    OD(Kind.BINARY, 8, true, 0),
    OF(Kind.BINARY, 4, true, 0),
    OL(Kind.BINARY, 4, true, 0),
    OV(Kind.BINARY, 8, true, 0),
    OW(Kind.BINARY, 2, true, 0),
    PN(Kind.TEXT, 0, false, ' '),
    SH(Kind.TEXT, 0, false, ' '),
    SL(Kind.BINARY, 4, false, 0),
    SQ(Kind.SEQUENCE, 0, true, 0),
    SS(Kind.BINARY, 2, false, 0),
    ST(Kind.TEXT, 0, false, ' '),
    SV(Kind.BINARY, 8, true, 0),
    TM(Kind.STRING, 0, false, ' '),
    UC(Kind.TEXT, 0, true, ' '),
    UI(Kind.STRING, 0, false, 0),
    UL(Kind.BINARY, 4, false, 0),
    UN(Kind.BINARY, 1, true, 0),
    UR(Kind.STRING, 0, true, ' '),
    US(Kind.BINARY, 2, false, 0),
    UT(Kind.TEXT, 0, true, ' '),
    UV(Kind.BINARY, 8, true, 0);

    private enum Kind { STRING, TEXT, BINARY, SEQUENCE }

    private static final VR[] BY_CODE = new VR[0x10000];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code] = vr;
        }
    }

    private final Kind kind;
    private final int valueSize;
    private final boolean longHeader;
    private final int paddingByte;
    private final int code;

    VR(Kind kind, int valueSize, boolean longHeader, int paddingByte) {
        this.kind = kind;
        this.valueSize = valueSize;
        this.longHeader = longHeader;
        this.paddingByte = paddingByte;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    /** The two ASCII characters as a big-endian 16-bit number, as they appear in an explicit VR header. */
    public int code() {
        return code;
    }

    /** The VR for a 16-bit code read from an explicit VR header, or {@code null} if it is not a known VR. */
    public static VR fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Explicit VR encoding with the 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
    public boolean hasLongHeader() {
        return longHeader;
    }

    /** True for character string VRs (values are bytes of text). */
    public boolean isString() {
        return kind == Kind.STRING || kind == Kind.TEXT;
    }

    /** True for the VRs whose strings are decoded with the Specific Character Set: SH, LO, ST, LT, UT, PN, UC. */
    public boolean usesSpecificCharacterSet() {
        return kind == Kind.TEXT;
    }

    /** True for string VRs whose value may hold several values separated by a backslash. */
    public boolean isMultiValuedString() {
        return isString() && this != LT && this != ST && this != UT && this != UR;
    }

    /** True for binary VRs (numbers, AT, OB/OW/OF/..., UN). */
    public boolean isBinary() {
        return kind == Kind.BINARY;
    }

    public boolean isSequence() {
        return kind == Kind.SEQUENCE;
    }

    /** Size in bytes of one binary value (1 for OB/UN, 2 for US, ...); 0 for strings and SQ. */
    public int valueSize() {
        return valueSize;
    }

    /**
     * Size of the unit whose bytes are reversed when changing byte order: AT is two 16-bit numbers,
     * every other binary VR swaps per value; 1 means no swap.
     */
    public int swapUnit() {
        return this == AT ? 2 : Math.max(valueSize, 1);
    }

    /** The byte that pads an odd-length value to even length: NUL for UI and binary VRs, space otherwise. */
    public int paddingByte() {
        return paddingByte;
    }
}
