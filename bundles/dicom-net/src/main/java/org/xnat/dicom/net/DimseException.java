package org.xnat.dicom.net;

/**
 * A DIMSE operation ended with a failure status, or an SCP-side provider wants to answer with a
 * specific status: throw it from a provider and the status and comment go into the response.
 */
public class DimseException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public DimseException(int status, String message) {
        super(message);
        this.status = status;
    }

    public DimseException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
