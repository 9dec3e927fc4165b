package org.xnat.router.deid.internal.broker;

/** The honest broker could not give a research identifier. */
public class BrokerException extends Exception {

    private static final long serialVersionUID = 1L;

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
