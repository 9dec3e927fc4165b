package org.xnat.router.api.processor;

/** A processor refused or failed to process an instance; the instance is not sent. */
public class ProcessingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message why the instance must not be sent, for the transfer log */
    public ProcessingException(String message) {
        super(message);
    }

    /**
     * @param message why the instance must not be sent, for the transfer log
     * @param cause the underlying error
     */
    public ProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
