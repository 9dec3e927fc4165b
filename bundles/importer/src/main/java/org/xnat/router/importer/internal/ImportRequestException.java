package org.xnat.router.importer.internal;

/** An import request that cannot run; {@link #field()} names what is wrong (for the REST problem list). */
public final class ImportRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    ImportRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** {@code path} or {@code route}. */
    public String field() {
        return field;
    }
}
