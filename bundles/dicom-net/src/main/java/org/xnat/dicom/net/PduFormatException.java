package org.xnat.dicom.net;

/**
 * A PDU from the peer violates PS3.8 (bad type, length, item structure or a length beyond the
 * negotiated maximum). The association is aborted when this is raised.
 */
public class PduFormatException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    /** A-ABORT reason: unrecognized PDU. */
    public static final int UNRECOGNIZED_PDU = 1;
    /** A-ABORT reason: unexpected PDU. */
    public static final int UNEXPECTED_PDU = 2;
    /** A-ABORT reason: unexpected PDU parameter. */
    public static final int UNEXPECTED_PDU_PARAMETER = 5;
    /** A-ABORT reason: invalid PDU parameter value. */
    public static final int INVALID_PDU_PARAMETER = 6;

    private final int abortReason;

    public PduFormatException(String message) {
        this(message, INVALID_PDU_PARAMETER);
    }

    public PduFormatException(String message, int abortReason) {
        super(message);
        this.abortReason = abortReason;
    }

    /** The A-ABORT reason (PS3.8 Table 9-26) sent to the peer because of this error. */
    public int abortReason() {
        return abortReason;
    }
}
