package org.xnat.dicom.json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.BulkDataReference;
import org.xnat.dicom.data.Fragments;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.json.internal.BulkDataUris;
import org.xnat.dicom.json.internal.JsonOutput;

/**
 * Writes {@link Attributes} in the DICOM JSON Model (PS3.18 F.2), streaming, one element at a time.
 *
 * <pre>{@code String json = DicomJsonWriter.toJson(attrs);
 * new DicomJsonWriter(out, DicomJsonWriter.Options.defaults()
 *         .withBulkData(1024, (item, tag, vr, v) -> base + String.format("%08X", tag)))
 *         .write(attrs);}</pre>
 *
 * <ul>
 * <li>keys are "GGGGEEEE" (upper-case hex), "vr" is always written, group lengths (gggg,0000) are
 *     left out (PS3.18 F.2.1);</li>
 * <li>text is decoded with the Specific Character Set in effect (JSON is Unicode); (0008,0005) is
 *     written as it is, so a reader can re-encode to the same bytes;</li>
 * <li>PN values are objects with "Alphabetic", "Ideographic", "Phonetic" (trailing empty
 *     components and groups, insignificant per PS3.5 6.2.1, are dropped); IS, DS, US, SS, UL, SL,
 *     UV, SV, FL, FD are JSON numbers (DS/IS text that is not a valid JSON number is normalised,
 *     or written as a string when it is not a number at all; NaN and infinities of FL/FD as the
 *     strings "NaN", "Infinity", "-Infinity"); AT values are "GGGGEEEE" strings; empty values in a
 *     multi-valued element are null, and an element whose values are all empty has no "Value";</li>
 * <li>OB, OD, OF, OL, OV, OW and UN are "InlineBinary" (base64 of the little-endian bytes), or
 *     "BulkDataURI" when longer than the threshold and the URI function names one;</li>
 * <li>values held as {@link BulkDataReference} are always "BulkDataURI" (the function's URI, else
 *     the reference's own, with offset and length as a query for {@code file:} URIs);</li>
 * <li>encapsulated pixel data ({@link Fragments}) can only be a "BulkDataURI"; without one from the
 *     function the element is written with its VR and no value.</li>
 * </ul>
 */
public final class DicomJsonWriter {

    /**
     * @param bulkDataThreshold byte values longer than this are offered to {@code bulkDataUri}
     * @param bulkDataUri       chooses BulkDataURIs; null: everything inline
     * @param pretty            indent the output
     */
    public record Options(long bulkDataThreshold, BulkDataUriFunction bulkDataUri, boolean pretty) {

        /** Everything inline, compact. */
        public static Options defaults() {
            return new Options(Long.MAX_VALUE, null, false);
        }

        public Options withBulkData(long threshold, BulkDataUriFunction function) {
            return new Options(threshold, function, pretty);
        }

        public Options withPretty(boolean indent) {
            return new Options(bulkDataThreshold, bulkDataUri, indent);
        }
    }

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final int BASE64_CHUNK = 3 * 8192;

    private final Writer writer;
    private final JsonOutput out;
    private final Options options;

    public DicomJsonWriter(Writer writer, Options options) {
        this.writer = writer;
        this.out = new JsonOutput(writer, options.pretty());
        this.options = options;
    }

    /** Writes UTF-8 to {@code stream} (buffered; flushed, not closed, after each write call). */
    public DicomJsonWriter(OutputStream stream, Options options) {
        this(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)), options);
    }

    public static String toJson(Attributes attrs) {
        return toJson(attrs, Options.defaults());
    }

    public static String toJson(Attributes attrs, Options options) {
        StringWriter sw = new StringWriter();
        try {
            new DicomJsonWriter(sw, options).write(attrs);
        } catch (IOException e) {
            throw new IllegalStateException("StringWriter does not fail", e);
        }
        return sw.toString();
    }

    /** Writes one dataset as a JSON object. */
    public void write(Attributes attrs) throws IOException {
        dataset(attrs);
        out.flush();
    }

    /** Writes datasets as a JSON array (the form of DICOMweb search results). */
    public void writeAll(Iterable<Attributes> datasets) throws IOException {
        out.beginArray();
        for (Attributes a : datasets) {
            dataset(a);
        }
        out.endArray();
        out.flush();
    }

    private void dataset(Attributes attrs) throws IOException {
        out.beginObject();
        for (int i = 0; i < attrs.size(); i++) {
            int tag = attrs.tagAt(i);
            if (Tag.element(tag) == 0) {
                continue; // group length: not part of the JSON model
            }
            element(attrs, tag, attrs.vrAt(i), attrs.valueAt(i));
        }
        out.endObject();
    }

    private void element(Attributes attrs, int tag, VR vr, Object value) throws IOException {
        out.name(String.format("%08X", tag));
        out.beginObject();
        out.name("vr");
        out.stringValue(vr.name());
        if (value instanceof Sequence seq) {
            if (!seq.isEmpty()) {
                out.name("Value");
                out.beginArray();
                for (Attributes item : seq) {
                    dataset(item);
                }
                out.endArray();
            }
        } else if (value instanceof BulkDataReference ref) {
            String uri = uriFor(attrs, tag, vr, ref);
            out.name("BulkDataURI");
            out.stringValue(uri != null ? uri : BulkDataUris.format(ref));
        } else if (value instanceof Fragments f) {
            String uri = uriFor(attrs, tag, vr, f);
            if (uri != null) {
                out.name("BulkDataURI");
                out.stringValue(uri);
            }
        } else if (value instanceof byte[] bytes && bytes.length > 0) {
            bytes(attrs, tag, vr, bytes);
        }
        out.endObject();
    }

    private String uriFor(Attributes attrs, int tag, VR vr, Object value) {
        return options.bulkDataUri() == null ? null : options.bulkDataUri().uriFor(attrs, tag, vr, value);
    }

    private void bytes(Attributes attrs, int tag, VR vr, byte[] bytes) throws IOException {
        if (isBulk(vr)) {
            String uri = bytes.length > options.bulkDataThreshold() ? uriFor(attrs, tag, vr, bytes) : null;
            if (uri != null) {
                out.name("BulkDataURI");
                out.stringValue(uri);
            } else {
                out.name("InlineBinary");
                base64(bytes);
            }
            return;
        }
        if (vr.isString()) {
            String[] strings = attrs.getStrings(tag);
            if (Arrays.stream(strings).allMatch(s -> s.isEmpty() || vr == VR.PN && isEmptyName(s))) {
                return; // only empty values (e.g. "^^^^" or "\\"): an empty element, no "Value"
            }
            out.name("Value");
            out.beginArray();
            for (String s : strings) {
                stringValue(vr, s);
            }
            out.endArray();
            return;
        }
        out.name("Value");
        out.beginArray();
        if (vr == VR.AT) {
            for (int t : attrs.getTags(tag)) {
                out.stringValue(String.format("%08X", t));
            }
        } else if (vr == VR.FL || vr == VR.FD) {
            for (double d : attrs.getDoubles(tag)) {
                floating(vr, d);
            }
        } else {
            long[] longs = attrs.getLongs(tag);
            for (long l : longs) {
                out.rawValue(vr == VR.UV ? Long.toUnsignedString(l) : Long.toString(l));
            }
        }
        out.endArray();
    }

    private void stringValue(VR vr, String s) throws IOException {
        if (s.isEmpty()) {
            out.nullValue();
        } else if (vr == VR.PN) {
            personName(s);
        } else if (vr == VR.IS || vr == VR.DS) {
            number(s);
        } else {
            out.stringValue(s);
        }
    }

    private void personName(String s) throws IOException {
        String[] groups = s.split("=", -1);
        boolean empty = true;
        for (int g = 0; g < groups.length; g++) {
            groups[g] = stripTrailingCarets(groups[g]);
            empty &= groups[g].isEmpty();
        }
        if (empty) { // e.g. "^^^^": no name at all
            out.nullValue();
            return;
        }
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        out.beginObject();
        for (int g = 0; g < Math.min(3, groups.length); g++) {
            if (!groups[g].isEmpty()) {
                out.name(names[g]);
                out.stringValue(groups[g]);
            }
        }
        out.endObject();
    }

    private static boolean isEmptyName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '^' && c != '=' && c != ' ') {
                return false;
            }
        }
        return true;
    }

    /** Trailing empty components are insignificant (PS3.5 6.2.1). */
    private static String stripTrailingCarets(String group) {
        int end = group.length();
        while (end > 0 && (group.charAt(end - 1) == '^' || group.charAt(end - 1) == ' ')) {
            end--;
        }
        return group.substring(0, end);
    }

    private void number(String s) throws IOException {
        if (JSON_NUMBER.matcher(s).matches()) {
            out.rawValue(s);
            return;
        }
        try {
            out.rawValue(new BigDecimal(s).toString()); // "+1", ".5", "1.", "007" -> valid JSON
        } catch (NumberFormatException e) {
            out.stringValue(s); // not a number at all: keep the text rather than lose it
        }
    }

    private void floating(VR vr, double d) throws IOException {
        if (Double.isNaN(d)) {
            out.stringValue("NaN");
        } else if (Double.isInfinite(d)) {
            out.stringValue(d > 0 ? "Infinity" : "-Infinity");
        } else if (vr == VR.FL) {
            out.rawValue(Float.toString((float) d)); // shortest text that reads back as the same float
        } else {
            out.rawValue(Double.toString(d));
        }
    }

    private static boolean isBulk(VR vr) {
        return vr == VR.OB || vr == VR.OD || vr == VR.OF || vr == VR.OL || vr == VR.OV || vr == VR.OW || vr == VR.UN;
    }

    private void base64(byte[] bytes) throws IOException {
        Base64.Encoder enc = Base64.getEncoder();
        out.beginString();
        for (int off = 0; off < bytes.length; off += BASE64_CHUNK) {
            int n = Math.min(BASE64_CHUNK, bytes.length - off);
            byte[] chunk = enc.encode(java.util.Arrays.copyOfRange(bytes, off, off + n));
            char[] chars = new char[chunk.length];
            for (int i = 0; i < chunk.length; i++) {
                chars[i] = (char) chunk[i];
            }
            out.rawChars(chars, 0, chars.length);
        }
        out.endString();
    }
}
