package org.xnat.dicom.net;

/**
 * The final (or a pending) response of a DIMSE-C operation: status, optional error comment and,
 * for C-MOVE/C-GET, the sub-operation counts (-1 when absent).
 */
public record DimseResponse(int status, String errorComment, String affectedSopInstanceUid, int remaining,
        int completed, int failed, int warning) {

    public static DimseResponse of(int status) {
        return new DimseResponse(status, null, null, -1, -1, -1, -1);
    }

    public DimseStatus.Category category() {
        return DimseStatus.category(status);
    }

    public boolean isSuccess() {
        return status == DimseStatus.SUCCESS;
    }

    public boolean isFailure() {
        return DimseStatus.isFailure(status);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("status ").append(DimseStatus.toString(status));
        if (errorComment != null) {
            sb.append(" \"").append(errorComment).append('"');
        }
        if (completed >= 0 || failed >= 0) {
            sb.append(" remaining=").append(remaining).append(" completed=").append(completed)
                    .append(" failed=").append(failed).append(" warning=").append(warning);
        }
        return sb.toString();
    }
}
