package org.xnat.router.storage.internal.archive;

/**
 * An upload (or one archive inside it) is refused. The message is for people and names the entry or part
 * at fault; {@link #tooLarge()} says whether a size or count limit was hit (HTTP 413) rather than the
 * content being unsafe or malformed (HTTP 400).
 */
public final class UploadRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean tooLarge;

    public UploadRefusedException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    public UploadRefusedException(String message, boolean tooLarge, Throwable cause) {
        super(message, cause);
        this.tooLarge = tooLarge;
    }

    /** A bad request. */
    public static UploadRefusedException unsafe(String message) {
        return new UploadRefusedException(message, false);
    }

    /** A limit was exceeded. */
    public static UploadRefusedException tooLarge(String message) {
        return new UploadRefusedException(message, true);
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
