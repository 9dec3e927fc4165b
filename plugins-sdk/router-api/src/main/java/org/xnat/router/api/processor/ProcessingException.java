package org.xnat.router.api.processor;

/** A processor refused or failed to process an instance; the instance is not sent. */
public class ProcessingException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProcessingException(String message) {
        super(message);
    }

    public ProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
