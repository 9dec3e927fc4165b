package org.xnat.dicom.json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.xnat.dicom.charset.SpecificCharacterSet;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.json.internal.BulkDataUris;
import org.xnat.dicom.json.internal.JsonTokenizer;
import org.xnat.dicom.json.internal.JsonTokenizer.Token;

/**
 * Reads the DICOM JSON Model (PS3.18 F.2) into {@link Attributes}, strictly: malformed JSON, unknown
 * members, a missing or unknown "vr", a value of the wrong JSON type for the VR, numbers out of the
 * VR's range or bad base64 all fail with a {@link DicomJsonException} giving the position.
 *
 * <pre>{@code Attributes a = DicomJsonReader.parse(json);
 * List<Attributes> results = new DicomJsonReader(reader, JsonLimits.defaults()).readAll();}</pre>
 *
 * <p>Text arrives as Unicode and is stored encoded with the Specific Character Set of its dataset
 * or item, so JSON written from a file reads back to the same bytes. When a dataset's text cannot
 * be represented in its declared (or the default) character set, that dataset's (0008,0005) is set
 * to "ISO_IR 192" and its text is stored as UTF-8. "BulkDataURI" values become
 * {@link org.xnat.dicom.data.BulkDataReference}s (length -1 unless the URI is a {@code file:} URI
 * with an {@code ?offset=&length=} range as {@link DicomJsonWriter} writes it).
 */
public final class DicomJsonReader {

    private final JsonTokenizer json;

    public DicomJsonReader(Reader reader, JsonLimits limits) {
        this.json = new JsonTokenizer(reader, limits);
    }

    /** Reads UTF-8 from {@code in}. */
    public DicomJsonReader(InputStream in, JsonLimits limits) {
        this(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), limits);
    }

    public static Attributes parse(String json) throws DicomJsonException {
        try {
            return new DicomJsonReader(new StringReader(json), JsonLimits.defaults()).read();
        } catch (DicomJsonException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("StringReader does not fail", e);
        }
    }

    /** Reads a document holding one dataset (a JSON object). */
    public Attributes read() throws IOException {
        expect(json.next(), Token.BEGIN_OBJECT, "a JSON object (dataset)");
        Attributes attrs = new Attributes();
        materialize(readItem(), attrs);
        expect(json.next(), Token.END, "end of input");
        return attrs;
    }

    /** Reads a document holding an array of datasets (as DICOMweb search results). */
    public List<Attributes> readAll() throws IOException {
        expect(json.next(), Token.BEGIN_ARRAY, "a JSON array of datasets");
        List<Attributes> all = new ArrayList<>();
        for (Token t = json.next(); t != Token.END_ARRAY; t = json.next()) {
            expect(t, Token.BEGIN_OBJECT, "a JSON object (dataset)");
            Attributes attrs = new Attributes();
            materialize(readItem(), attrs);
            all.add(attrs);
        }
        expect(json.next(), Token.END, "end of input");
        return all;
    }

    private void expect(Token t, Token wanted, String what) throws DicomJsonException {
        if (t != wanted) {
            throw json.error("expected " + what + ", found " + describe(t));
        }
    }

    private static String describe(Token t) {
        return switch (t) {
            case BEGIN_OBJECT -> "an object";
            case BEGIN_ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
            case END -> "end of input";
            default -> t.name();
        };
    }

    // ---------------------------------------------------------------- parsing into pending elements

    /** An element as read, before it is encoded (the character set may be declared later). */
    private record Pending(int tag, VR vr, Object value) {
    }

    /** Parses the members of a dataset object whose '{' was just read. */
    private List<Pending> readItem() throws IOException {
        List<Pending> elements = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Token t = json.next(); t != Token.END_OBJECT; t = json.next()) {
            int tag = parseKey(json.text());
            if (!seen.add(tag)) {
                throw json.error("duplicate attribute " + json.text());
            }
            expect(json.next(), Token.BEGIN_OBJECT, "an attribute object for " + json.text());
            elements.add(readElement(tag));
        }
        return elements;
    }

    private int parseKey(String key) throws DicomJsonException {
        if (key.length() != 8) {
            throw json.error("attribute key must be 8 hex digits (GGGGEEEE): \"" + key + "\"");
        }
        try {
            return Integer.parseUnsignedInt(key, 16);
        } catch (NumberFormatException e) {
            throw json.error("attribute key must be 8 hex digits (GGGGEEEE): \"" + key + "\"");
        }
    }

    private Pending readElement(int tag) throws IOException {
        VR vr = null;
        Object value = null;
        String kind = null;
        for (Token t = json.next(); t != Token.END_OBJECT; t = json.next()) {
            String member = json.text();
            switch (member) {
                case "vr" -> {
                    if (vr != null) {
                        throw json.error("duplicate \"vr\"");
                    }
                    expect(json.next(), Token.STRING, "a VR string");
                    vr = parseVR(json.text());
                }
                case "Value", "InlineBinary", "BulkDataURI" -> {
                    if (kind != null) {
                        throw json.error("\"" + member + "\" together with \"" + kind + "\"");
                    }
                    if (vr == null) {
                        throw json.error("\"vr\" must come before \"" + member + "\"");
                    }
                    kind = member;
                    value = switch (member) {
                        case "Value" -> readValues(vr);
                        case "InlineBinary" -> readInlineBinary(vr);
                        default -> readBulkDataUri();
                    };
                }
                default -> throw json.error("unknown member \"" + member + "\" in attribute " + String.format("%08X", tag));
            }
        }
        if (vr == null) {
            throw json.error("attribute " + String.format("%08X", tag) + " has no \"vr\"");
        }
        return new Pending(tag, vr, value);
    }

    private VR parseVR(String s) throws DicomJsonException {
        VR vr = s.length() == 2 ? VR.fromCode(s.charAt(0) << 8 | s.charAt(1)) : null;
        if (vr == null) {
            throw json.error("unknown VR \"" + s + "\"");
        }
        return vr;
    }

    private Object readInlineBinary(VR vr) throws IOException {
        if (!isBulk(vr)) {
            throw json.error("InlineBinary is only for OB, OD, OF, OL, OV, OW and UN, not " + vr);
        }
        expect(json.next(), Token.STRING, "a base64 string");
        try {
            return Base64.getDecoder().decode(json.text());
        } catch (IllegalArgumentException e) {
            throw json.error("invalid base64 in InlineBinary: " + e.getMessage());
        }
    }

    private Object readBulkDataUri() throws IOException {
        expect(json.next(), Token.STRING, "a URI string");
        return BulkDataUris.parse(json.text());
    }

    private Object readValues(VR vr) throws IOException {
        expect(json.next(), Token.BEGIN_ARRAY, "a \"Value\" array");
        if (vr == VR.SQ) {
            List<List<Pending>> items = new ArrayList<>();
            for (Token t = json.next(); t != Token.END_ARRAY; t = json.next()) {
                expect(t, Token.BEGIN_OBJECT, "a sequence item object");
                items.add(readItem());
            }
            return items;
        }
        if (isBulk(vr)) {
            throw json.error(vr + " values are InlineBinary or BulkDataURI, not \"Value\"");
        }
        List<String> values = new ArrayList<>();
        for (Token t = json.next(); t != Token.END_ARRAY; t = json.next()) {
            values.add(readOneValue(vr, t));
        }
        return vr.isString() ? values : toBinary(vr, values);
    }

    /** One value as text (numbers exactly as written); null for JSON null. */
    private String readOneValue(VR vr, Token t) throws IOException {
        if (t == Token.NULL) {
            if (!vr.isString()) {
                throw json.error("null is not a " + vr + " value");
            }
            return null;
        }
        if (vr == VR.PN) {
            expect(t, Token.BEGIN_OBJECT, "a person name object");
            return readPersonName();
        }
        boolean numeric = vr == VR.IS || vr == VR.DS || (!vr.isString() && vr != VR.AT);
        // Strings are also taken for IS/DS (text that is not a JSON number), for FL/FD ("NaN",
        // "Infinity", "-Infinity") and for SV/UV (64-bit values some writers quote).
        boolean stringAllowed = !numeric || vr == VR.IS || vr == VR.DS || vr == VR.FL || vr == VR.FD
                || vr == VR.SV || vr == VR.UV;
        if (t == Token.NUMBER && numeric || t == Token.STRING && stringAllowed) {
            return json.text();
        }
        throw json.error("expected a " + (numeric ? "number" : "string") + " for " + vr + ", found " + describe(t));
    }

    private String readPersonName() throws IOException {
        String[] groups = new String[3];
        for (Token t = json.next(); t != Token.END_OBJECT; t = json.next()) {
            int g = switch (json.text()) {
                case "Alphabetic" -> 0;
                case "Ideographic" -> 1;
                case "Phonetic" -> 2;
                default -> throw json.error("unknown person name member \"" + json.text() + "\"");
            };
            if (groups[g] != null) {
                throw json.error("duplicate \"" + json.text() + "\"");
            }
            expect(json.next(), Token.STRING, "a string");
            groups[g] = json.text();
        }
        int n = 3;
        while (n > 0 && (groups[n - 1] == null || groups[n - 1].isEmpty())) {
            n--;
        }
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < n; g++) {
            if (g > 0) {
                sb.append('=');
            }
            sb.append(groups[g] == null ? "" : groups[g]);
        }
        return sb.toString();
    }

    /** Little-endian bytes of binary numeric and AT values. */
    private byte[] toBinary(VR vr, List<String> values) throws DicomJsonException {
        int size = vr.valueSize();
        byte[] b = new byte[values.size() * size];
        for (int k = 0; k < values.size(); k++) {
            String s = values.get(k);
            long bits;
            try {
                bits = switch (vr) {
                    case AT -> parseTagValue(s);
                    case FL -> Float.floatToRawIntBits(Float.parseFloat(special(s))) & 0xFFFFFFFFL;
                    case FD -> Double.doubleToRawLongBits(Double.parseDouble(special(s)));
                    case US -> range(s, 0, 0xFFFF);
                    case SS -> range(s, Short.MIN_VALUE, Short.MAX_VALUE);
                    case UL -> range(s, 0, 0xFFFFFFFFL);
                    case SL -> range(s, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case SV -> integer(s).longValueExact();
                    case UV -> unsigned64(s);
                    default -> throw json.error("unsupported VR " + vr);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                throw json.error("invalid " + vr + " value \"" + s + "\"");
            }
            if (vr == VR.AT) {
                put(b, k * 4, 2, bits >>> 16);
                put(b, k * 4 + 2, 2, bits & 0xFFFF);
            } else {
                put(b, k * size, size, bits);
            }
        }
        return b;
    }

    private static String special(String s) {
        // Float.parseFloat accepts "NaN" and "Infinity" but also hex and "1f": only allow JSON forms.
        if (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
            return s;
        }
        new BigDecimal(s); // throws NumberFormatException for anything that is not a plain number
        return s;
    }

    private static long parseTagValue(String s) {
        if (s.length() != 8) {
            throw new NumberFormatException(s);
        }
        return Long.parseLong(s, 16);
    }

    private static BigInteger integer(String s) {
        return new BigDecimal(s).toBigIntegerExact();
    }

    private static long range(String s, long min, long max) {
        long v = integer(s).longValueExact();
        if (v < min || v > max) {
            throw new ArithmeticException("out of range");
        }
        return v;
    }

    private static long unsigned64(String s) {
        BigInteger v = integer(s);
        if (v.signum() < 0 || v.bitLength() > 64) {
            throw new ArithmeticException("out of range");
        }
        return v.longValue();
    }

    private static void put(byte[] b, int off, int size, long v) {
        for (int i = 0; i < size; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    private static boolean isBulk(VR vr) {
        return vr == VR.OB || vr == VR.OD || vr == VR.OF || vr == VR.OL || vr == VR.OV || vr == VR.OW || vr == VR.UN;
    }

    // ---------------------------------------------------------------- encoding into Attributes

    @SuppressWarnings("unchecked")
    private void materialize(List<Pending> elements, Attributes target) {
        for (Pending p : elements) {
            if (p.tag() == Tag.SpecificCharacterSet && p.value() instanceof List<?> l) {
                target.setValue(p.tag(), p.vr(), ascii(join((List<String>) l), p.vr()));
            }
        }
        SpecificCharacterSet cs = target.specificCharacterSet();
        if (!canEncodeAll(elements, cs)) {
            target.setValue(Tag.SpecificCharacterSet, VR.CS, ascii("ISO_IR 192", VR.CS));
            cs = target.specificCharacterSet();
        }
        for (Pending p : elements) {
            if (p.tag() == Tag.SpecificCharacterSet && p.value() instanceof List<?>) {
                continue;
            }
            Object v = p.value();
            if (p.vr() == VR.SQ) {
                Sequence seq = target.newSequence(p.tag());
                if (v instanceof List<?> items) {
                    for (Object item : items) {
                        materialize((List<Pending>) item, seq.addItem());
                    }
                }
            } else if (v == null) {
                target.setNull(p.tag(), p.vr());
            } else if (v instanceof List<?> strings) {
                String joined = join((List<String>) strings);
                byte[] bytes = p.vr().usesSpecificCharacterSet() ? cs.encode(joined, p.vr() == VR.PN) : ascii(joined, p.vr());
                target.setValue(p.tag(), p.vr(), pad(bytes, p.vr()));
            } else {
                target.setValue(p.tag(), p.vr(), v);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean canEncodeAll(List<Pending> elements, SpecificCharacterSet cs) {
        for (Pending p : elements) {
            if (p.vr().usesSpecificCharacterSet() && p.value() instanceof List<?> l
                    && !cs.canEncode(join((List<String>) l), p.vr() == VR.PN)) {
                return false;
            }
        }
        return true;
    }

    private static String join(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append('\\');
            }
            if (values.get(i) != null) {
                sb.append(values.get(i));
            }
        }
        return sb.toString();
    }

    /** Strings of VRs outside the Specific Character Set (AE, CS, DA, UI, ...): the default repertoire. */
    private static byte[] ascii(String s, VR vr) {
        return pad(s.getBytes(StandardCharsets.ISO_8859_1), vr);
    }

    private static byte[] pad(byte[] b, VR vr) {
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
        p[b.length] = (byte) vr.paddingByte();
        return p;
    }
}
