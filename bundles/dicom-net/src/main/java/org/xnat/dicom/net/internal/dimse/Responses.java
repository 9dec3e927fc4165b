package org.xnat.dicom.net.internal.dimse;

import org.xnat.dicom.net.DimseResponse;

/** Conversion between command sets and {@link DimseResponse}. */
public final class Responses {
    private Responses() {
    }

    public static DimseResponse of(Command c) {
        return new DimseResponse(c.status(), c.getString(Command.ERROR_COMMENT), c.getString(Command.AFFECTED_SOP_INSTANCE_UID),
                c.getInt(Command.REMAINING_SUBOPERATIONS, -1), c.getInt(Command.COMPLETED_SUBOPERATIONS, -1),
                c.getInt(Command.FAILED_SUBOPERATIONS, -1), c.getInt(Command.WARNING_SUBOPERATIONS, -1));
    }

    /** Sets status, error comment (truncated to the 64 characters of LO) on a response command. */
    public static Command withStatus(Command rsp, int status, String comment) {
        rsp.putUS(Command.STATUS, status);
        if (comment != null && !comment.isEmpty()) {
            String c = comment.replaceAll("[^\\x20-\\x5B\\x5D-\\x7E]", "?");
            rsp.putString(Command.ERROR_COMMENT, c.length() > 64 ? c.substring(0, 64) : c);
        }
        return rsp;
    }
}
