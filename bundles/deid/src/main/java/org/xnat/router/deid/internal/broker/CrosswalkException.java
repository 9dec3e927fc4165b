package org.xnat.router.deid.internal.broker;

/** The crosswalk could not be read or written. */
public class CrosswalkException extends Exception {

    private static final long serialVersionUID = 1L;

    public CrosswalkException(String message) {
        super(message);
    }

    public CrosswalkException(String message, Throwable cause) {
        super(message, cause);
    }
}
