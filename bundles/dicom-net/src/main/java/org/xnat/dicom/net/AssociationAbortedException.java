package org.xnat.dicom.net;

/** The association was aborted (A-ABORT received or sent, or the transport failed). */
public class AssociationAbortedException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    public AssociationAbortedException(String message) {
        super(message);
    }

    public AssociationAbortedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Human-readable text of an A-ABORT source/reason pair (PS3.8 9.3.8). */
    public static String describe(int source, int reason) {
        if (source == 0) {
            return "by service-user";
        }
        String why = switch (reason) {
            case 0 -> "reason not specified";
            case 1 -> "unrecognized PDU";
            case 2 -> "unexpected PDU";
            case 4 -> "unrecognized PDU parameter";
            case 5 -> "unexpected PDU parameter";
            case 6 -> "invalid PDU parameter value";
            default -> "reason " + reason;
        };
        return "by service-provider (" + why + ")";
    }
}
