package org.xnat.dicom.json.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xnat.dicom.data.BulkDataReference;

/**
 * How a {@link BulkDataReference} without a caller-supplied URI is written: its URI, plus, for
 * {@code file:} URIs (which cannot address a byte range), the query
 * {@code ?offset=N&length=N[&bigEndian=true]} so that the reader restores the same reference.
 */
public final class BulkDataUris {

    private static final Pattern FILE_RANGE =
            Pattern.compile("(file:[^?#]*)\\?offset=([0-9]+)&length=(-?[0-9]+)(&bigEndian=true)?");

    private BulkDataUris() {
    }

    public static String format(BulkDataReference ref) {
        if (!ref.uri().startsWith("file:")) {
            return ref.uri();
        }
        return ref.uri() + "?offset=" + ref.offset() + "&length=" + ref.length()
                + (ref.bigEndian() ? "&bigEndian=true" : "");
    }

    /** The reference a BulkDataURI stands for; length -1 when the URI does not say. */
    public static BulkDataReference parse(String uri) {
        Matcher m = FILE_RANGE.matcher(uri);
        if (m.matches()) {
            return new BulkDataReference(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4) != null);
        }
        return new BulkDataReference(uri, 0, -1, false);
    }
}
