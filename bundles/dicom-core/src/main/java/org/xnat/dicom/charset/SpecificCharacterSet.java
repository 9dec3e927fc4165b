package org.xnat.dicom.charset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.xnat.dicom.charset.internal.GraphicSet;
import org.xnat.dicom.charset.internal.Iso2022Codec;
import org.xnat.dicom.charset.internal.Term;
import org.xnat.dicom.charset.internal.TextCodec;
import org.xnat.dicom.charset.internal.WholeValueCodec;

/**
 * The character repertoire(s) declared by Specific Character Set (0008,0005), used to decode and
 * encode values of SH, LO, ST, LT, UT, UC and PN (PS3.3 C.12.1.1.2, PS3.5 6.1).
 *
 * <p>Supported defined terms: the default repertoire (no value / empty value 1), ISO_IR 100, 101,
 * 109, 110, 144, 127, 126, 138, 148, 203, 13, 166; ISO_IR 192 (UTF-8), GB18030, GBK; and the ISO 2022
 * code extensions ISO 2022 IR 6, 100, 101, 109, 110, 144, 127, 126, 138, 148, 203, 13, 166, 87
 * (JIS X 0208), 159 (JIS X 0212), 149 (KS X 1001) and 58 (GB 2312).
 *
 * <p>Reading never throws:
 * <ul>
 * <li>bytes that a declared set does not assign decode to U+FFFD;</li>
 * <li>the default repertoire (ASCII) decodes bytes 0x80..0xFF as ISO-8859-1, and {@link #encode}
 *     writes U+0080..U+00FF back as the same bytes, so non-conformant files pass through a router
 *     unchanged; {@link #canEncode} still reports such characters as not encodable;</li>
 * <li>an unknown defined term is ignored for decoding (ISO-8859-1 is used where it would have
 *     applied) and is reported by {@link #unknownTerms()} so the caller can log it once;</li>
 * <li>escape sequences are interpreted only when (0008,0005) declares code extensions ("ISO 2022 ..."
 *     terms); an unrecognised escape sequence is kept as characters.</li>
 * </ul>
 * Writing: {@link #encode} replaces every character that no declared set holds by '?'; check with
 * {@link #canEncode} first when that matters (e.g. to switch the dataset to ISO_IR 192).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SpecificCharacterSet {

    /** The default repertoire, ISO-IR 6 (no value in (0008,0005)). */
    public static final SpecificCharacterSet ASCII = new SpecificCharacterSet(
            new String[0], new String[0], false, latin1Lenient(GraphicSet.ISO_IR_6, false, List.of()));

    private final String[] definedTerms;
    private final String[] unknownTerms;
    private final boolean codeExtensions;
    private final TextCodec codec;

    private SpecificCharacterSet(String[] definedTerms, String[] unknownTerms, boolean codeExtensions,
            TextCodec codec) {
        this.definedTerms = definedTerms;
        this.unknownTerms = unknownTerms;
        this.codeExtensions = codeExtensions;
        this.codec = codec;
    }

    /**
     * The character set for the values of (0008,0005). Values are trimmed and upper-cased; no
     * values, or only empty ones, give {@link #ASCII}. Never throws for unknown terms.
     */
    public static SpecificCharacterSet valueOf(String... definedTerms) {
        if (definedTerms == null || Arrays.stream(definedTerms).allMatch(t -> Term.normalize(t).isEmpty())) {
            return ASCII;
        }
        String[] terms = Arrays.stream(definedTerms).map(Term::normalize).toArray(String[]::new);
        Set<String> unknown = new LinkedHashSet<>();
        Term first = Term.lookup(terms[0]);
        if (first == null && !terms[0].isEmpty()) {
            unknown.add(terms[0]);
        }
        if (first != null && first.kind() == Term.Kind.WHOLE_VALUE) {
            // UTF-8/GB18030/GBK allow no code extensions: further values are invalid and ignored.
            for (int k = 1; k < terms.length; k++) {
                if (!terms[k].isEmpty() && !terms[k].equals(terms[0])) {
                    unknown.add(terms[k]);
                }
            }
            return new SpecificCharacterSet(terms, unknown.toArray(String[]::new), false,
                    new WholeValueCodec(first.wholeValue()));
        }
        if (terms.length == 1 && first != null && first.kind() == Term.Kind.SINGLE_BYTE) {
            GraphicSet g1 = first.g1() != null ? first.g1() : GraphicSet.ISO_IR_100;
            return new SpecificCharacterSet(terms, new String[0], false,
                    new Iso2022Codec(first.g0(), first.g1(), g1, first.g1() == null, false, List.of()));
        }
        if (terms.length == 1 && first == null) {
            return new SpecificCharacterSet(terms, unknown.toArray(String[]::new), false,
                    latin1Lenient(GraphicSet.ISO_IR_6, false, List.of()));
        }
        return withCodeExtensions(terms, first, unknown);
    }

    private static SpecificCharacterSet withCodeExtensions(String[] terms, Term first, Set<String> unknown) {
        List<GraphicSet> declared = new ArrayList<>();
        for (int k = 0; k < terms.length; k++) {
            Term t = k == 0 ? first : Term.lookup(terms[k]);
            if (t == null || t.kind() == Term.Kind.WHOLE_VALUE) {
                if (!terms[k].isEmpty()) {
                    unknown.add(terms[k]);
                }
                continue;
            }
            t = t.asIso2022();
            if (t.g0() != null && t.g0().width() == 2 && !declared.contains(t.g0())) {
                declared.add(t.g0());
            }
            if (t.g1() != null && !declared.contains(t.g1())) {
                declared.add(t.g1());
            }
        }
        Term t0 = first == null ? null : first.asIso2022();
        // A two-byte G0 set cannot be the initial one: delimiters must stay readable.
        GraphicSet g0 = t0 != null && t0.g0() != null && t0.g0().width() == 1 ? t0.g0() : GraphicSet.ISO_IR_6;
        GraphicSet g1 = t0 != null && first.kind() != Term.Kind.WHOLE_VALUE ? t0.g1() : null;
        GraphicSet fallback = declared.stream().filter(GraphicSet::isG1).findFirst().orElse(GraphicSet.ISO_IR_100);
        TextCodec codec = new Iso2022Codec(g0, g1, fallback, !unknown.isEmpty(), true, declared);
        return new SpecificCharacterSet(terms, unknown.toArray(String[]::new), true, codec);
    }

    private static TextCodec latin1Lenient(GraphicSet g0, boolean ext, List<GraphicSet> declared) {
        return new Iso2022Codec(g0, null, GraphicSet.ISO_IR_100, true, ext, declared);
    }

    /** Decodes a whole value, value delimiters '\' included. */
    public String decode(byte[] value, boolean personName) {
        return codec.decode(value, 0, value.length, personName);
    }

    /** Decodes {@code length} bytes from {@code offset}, value delimiters '\' included. */
    public String decode(byte[] value, int offset, int length, boolean personName) {
        if (offset < 0 || length < 0 || offset > value.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", size " + value.length);
        }
        return codec.decode(value, offset, length, personName);
    }

    /**
     * Encodes a whole value, value delimiters '\' included, with the escape sequences PS3.5 6.1.2.5
     * requires; no padding is added. Characters no declared set holds become '?'.
     */
    public byte[] encode(String value, boolean personName) {
        return codec.encode(value, personName);
    }

    /** True when every character of {@code value} is in the declared character sets. */
    public boolean canEncode(String value, boolean personName) {
        return codec.canEncode(value, personName);
    }

    /** The normalized values of (0008,0005) this set was made from (empty for {@link #ASCII}). */
    public String[] definedTerms() {
        return definedTerms.clone();
    }

    /** True when ISO 2022 escape sequences are in use ("ISO 2022 ..." defined terms). */
    public boolean containsCodeExtensions() {
        return codeExtensions;
    }

    /** Defined terms that were not recognised (or are not allowed where they appear); usually empty. */
    public String[] unknownTerms() {
        return unknownTerms.clone();
    }

    public boolean hasUnknownTerms() {
        return unknownTerms.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet other && Arrays.equals(definedTerms, other.definedTerms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(definedTerms);
    }

    @Override
    public String toString() {
        return "SpecificCharacterSet[" + String.join("\\", definedTerms) + "]";
    }
}
