package org.xnat.dicom.io;

import java.io.IOException;
import org.xnat.dicom.data.Tag;

/**
 * Input that is not a valid DICOM encoding: truncated, a length field pointing beyond the data, a missing
 * delimiter, ... The message names the byte offset in the (inflated) stream and the tag being read.
 */
public class DicomParseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final int tag;

    public DicomParseException(String message, long offset, int tag) {
        this(message, offset, tag, null);
    }

    public DicomParseException(String message, long offset, int tag, Throwable cause) {
        super(message + " (at offset " + offset + (tag == -1 ? "" : ", tag " + Tag.toString(tag)) + ")", cause);
        this.offset = offset;
        this.tag = tag;
    }

    /** Offset in the stream (after inflation for deflated transfer syntaxes). */
    public long offset() {
        return offset;
    }

    /** The tag being parsed, or -1 if none. */
    public int tag() {
        return tag;
    }
}
