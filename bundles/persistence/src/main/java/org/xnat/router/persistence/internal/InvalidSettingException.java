package org.xnat.router.persistence.internal;

/** A configuration value that cannot work; the message says which key and how to fix it. */
final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSettingException(String message) {
        super(message);
    }
}
