package org.xnat.dicom.net;

import java.io.IOException;

/** Base of every failure raised by the network layer (upper layer or DIMSE). */
public class DicomNetworkException extends IOException {
    private static final long serialVersionUID = 1L;

    public DicomNetworkException(String message) {
        super(message);
    }

    public DicomNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
