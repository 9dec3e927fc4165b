package org.xnat.dicom.json;

import java.io.IOException;

/** Malformed JSON, or JSON that is not a valid DICOM JSON Model; carries the position of the problem. */
public class DicomJsonException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long line;
    private final long column;

    /**
     * @param offset 0-based character offset in the input, -1 if unknown
     * @param line   1-based line
     * @param column 1-based column
     */
    public DicomJsonException(String message, long offset, long line, long column) {
        super(offset < 0 ? message : message + " at line " + line + ", column " + column + " (offset " + offset + ")");
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    public long offset() {
        return offset;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }
}
