package org.xnat.dicom.net;

/** No accepted presentation context fits the abstract syntax (and transfer syntax) of a message. */
public class NoPresentationContextException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    public NoPresentationContextException(String message) {
        super(message);
    }
}
