package org.xnat.router.storage.internal;

/** A storage request that cannot be done, with the HTTP status that says why (400, 404, 409, 413). */
public final class StorageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public StorageException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
