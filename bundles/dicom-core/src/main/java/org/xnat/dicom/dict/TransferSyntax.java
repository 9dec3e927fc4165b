package org.xnat.dicom.dict;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xnat.dicom.dict.internal.UidTable;

/**
 * A transfer syntax and how it encodes a dataset (PS3.5 section 10, PS3.6 Table A-1). Instances are
 * immutable; {@link #forUid(String)} knows every transfer syntax of the standard and answers a sensible
 * default for private ones (Explicit VR Little Endian with encapsulated pixel data, as PS3.5 10.1 requires
 * of every transfer syntax but the three uncompressed ones).
 *
 * <pre>{@code TransferSyntax ts = TransferSyntax.forUid(fmi.getString(Tag.TransferSyntaxUID));
 * if (ts.isEncapsulated()) ...}</pre>
 */
public final class TransferSyntax {

    private static final Map<String, TransferSyntax> KNOWN = new LinkedHashMap<>();

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            define(UID.ImplicitVRLittleEndian, false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            define(UID.ExplicitVRLittleEndian, true, false, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            define(UID.DeflatedExplicitVRLittleEndian, true, false, true, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            define(UID.ExplicitVRBigEndian, true, true, false, false);
    public static final TransferSyntax ENCAPSULATED_UNCOMPRESSED_EXPLICIT_VR_LITTLE_ENDIAN =
            define(UID.EncapsulatedUncompressedExplicitVRLittleEndian, true, false, false, true);
    public static final TransferSyntax JPEG_BASELINE_8BIT = define(UID.JPEGBaseline8Bit, true, false, false, true);
    public static final TransferSyntax JPEG_EXTENDED_12BIT = define(UID.JPEGExtended12Bit, true, false, false, true);
    public static final TransferSyntax JPEG_LOSSLESS = define(UID.JPEGLossless, true, false, false, true);
    public static final TransferSyntax JPEG_LOSSLESS_SV1 = define(UID.JPEGLosslessSV1, true, false, false, true);
    public static final TransferSyntax JPEG_LS_LOSSLESS = define(UID.JPEGLSLossless, true, false, false, true);
    public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS =
            define(UID.JPEGLSNearLossless, true, false, false, true);
    public static final TransferSyntax JPEG_2000_LOSSLESS = define(UID.JPEG2000Lossless, true, false, false, true);
    public static final TransferSyntax JPEG_2000 = define(UID.JPEG2000, true, false, false, true);
    public static final TransferSyntax RLE_LOSSLESS = define(UID.RLELossless, true, false, false, true);

    static {
        // Every other transfer syntax of PS3.6 Table A-1: explicit VR little endian. JPIP and SMPTE ST 2110
        // ones carry no pixel data in the dataset; the JPIP Deflate ones deflate the whole dataset.
        for (UidTable.Entry e : UidTable.all()) {
            if (e.type() == UidTable.Type.TRANSFER_SYNTAX && !KNOWN.containsKey(e.uid())) {
                boolean noPixelData = e.uid().equals(UID.JPIPReferenced) || e.uid().equals(UID.JPIPReferencedDeflate)
                        || e.uid().equals(UID.JPIPHTJ2KReferenced) || e.uid().equals(UID.JPIPHTJ2KReferencedDeflate)
                        || e.uid().startsWith("1.2.840.10008.1.2.7.") || e.uid().startsWith("1.2.840.10008.1.2.6.");
                boolean deflated = e.uid().equals(UID.JPIPReferencedDeflate)
                        || e.uid().equals(UID.JPIPHTJ2KReferencedDeflate);
                boolean implicit = e.uid().equals(UID.Papyrus3ImplicitVRLittleEndian);
                define(e.uid(), !implicit, false, deflated, !noPixelData && !implicit);
            }
        }
    }

    private final String uid;
    private final String name;
    private final boolean explicitVR;
    private final boolean bigEndian;
    private final boolean deflated;
    private final boolean encapsulated;
    private final boolean retired;
    private final boolean known;

    private TransferSyntax(String uid, String name, boolean explicitVR, boolean bigEndian, boolean deflated,
            boolean encapsulated, boolean retired, boolean known) {
        this.uid = uid;
        this.name = name;
        this.explicitVR = explicitVR;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.encapsulated = encapsulated;
        this.retired = retired;
        this.known = known;
    }

    private static TransferSyntax define(String uid, boolean explicitVR, boolean bigEndian, boolean deflated,
            boolean encapsulated) {
        UidTable.Entry e = UidTable.get(uid);
        TransferSyntax ts = new TransferSyntax(uid, e.name(), explicitVR, bigEndian, deflated, encapsulated,
                e.retired(), true);
        KNOWN.put(uid, ts);
        return ts;
    }

    /**
     * The transfer syntax of a UID; an unknown (private) UID gets Explicit VR Little Endian with encapsulated
     * pixel data and {@link #isKnown()} false.
     */
    public static TransferSyntax forUid(String uid) {
        String trimmed = uid == null ? "" : uid.trim();
        TransferSyntax ts = KNOWN.get(trimmed);
        return ts != null ? ts : new TransferSyntax(trimmed, "Unknown transfer syntax " + trimmed, true, false,
                false, true, false, false);
    }

    /** Every transfer syntax of the standard. */
    public static Collection<TransferSyntax> all() {
        return Collections.unmodifiableCollection(KNOWN.values());
    }

    public String uid() {
        return uid;
    }

    public String name() {
        return name;
    }

    public boolean isExplicitVR() {
        return explicitVR;
    }

    public boolean isBigEndian() {
        return bigEndian;
    }

    /** The dataset (after the File Meta Information) is deflated (RFC 1951, no zlib header). */
    public boolean isDeflated() {
        return deflated;
    }

    /** Pixel data is encapsulated (compressed fragments) rather than native. */
    public boolean isEncapsulated() {
        return encapsulated;
    }

    public boolean isRetired() {
        return retired;
    }

    /** Listed in the standard (false for private transfer syntaxes). */
    public boolean isKnown() {
        return known;
    }

    /** Implicit LE, Explicit LE, Explicit BE or Deflated: the ones this toolkit can convert between. */
    public boolean isUncompressed() {
        return this == IMPLICIT_VR_LITTLE_ENDIAN || this == EXPLICIT_VR_LITTLE_ENDIAN
                || this == EXPLICIT_VR_BIG_ENDIAN || this == DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferSyntax t && t.uid.equals(uid);
    }

    @Override
    public int hashCode() {
        return uid.hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + uid + ")";
    }
}
