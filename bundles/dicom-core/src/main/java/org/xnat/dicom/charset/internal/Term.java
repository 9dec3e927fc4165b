package org.xnat.dicom.charset.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One defined term of Specific Character Set (0008,0005), PS3.3 Tables C.12-2 to C.12-5.
 *
 * @param term      the defined term as the standard spells it
 * @param kind      how values using it are coded
 * @param g0        set designated to G0 (null: the term does not designate G0)
 * @param g1        set designated to G1 (null: none)
 * @param wholeValue charset decoding whole values, only for {@link Kind#WHOLE_VALUE}
 */
public record Term(String term, Kind kind, GraphicSet g0, GraphicSet g1, Charset wholeValue) {

    public enum Kind {
        /** Single-byte set without code extensions ("ISO_IR 100"): fixed G0 and G1. */
        SINGLE_BYTE,
        /** ISO 2022 code extension ("ISO 2022 IR 87"): may be switched to by escape sequences. */
        ISO_2022,
        /** Multi-byte coding without code extensions, decoded by one Charset (UTF-8, GB18030, GBK). */
        WHOLE_VALUE
    }

    private static final Map<String, Term> TERMS = new HashMap<>();

    static {
        single("ISO_IR 6", GraphicSet.ISO_IR_6, null); // not a standard term, but seen in the wild
        single("ISO_IR 13", GraphicSet.ISO_IR_14, GraphicSet.ISO_IR_13);
        iso2022("ISO 2022 IR 6", GraphicSet.ISO_IR_6, null);
        iso2022("ISO 2022 IR 13", GraphicSet.ISO_IR_14, GraphicSet.ISO_IR_13);
        Object[][] latin = {
            {"100", GraphicSet.ISO_IR_100}, {"101", GraphicSet.ISO_IR_101}, {"109", GraphicSet.ISO_IR_109},
            {"110", GraphicSet.ISO_IR_110}, {"144", GraphicSet.ISO_IR_144}, {"127", GraphicSet.ISO_IR_127},
            {"126", GraphicSet.ISO_IR_126}, {"138", GraphicSet.ISO_IR_138}, {"148", GraphicSet.ISO_IR_148},
            {"203", GraphicSet.ISO_IR_203}, {"166", GraphicSet.ISO_IR_166},
        };
        for (Object[] l : latin) {
            single("ISO_IR " + l[0], GraphicSet.ISO_IR_6, (GraphicSet) l[1]);
            iso2022("ISO 2022 IR " + l[0], GraphicSet.ISO_IR_6, (GraphicSet) l[1]);
        }
        iso2022("ISO 2022 IR 87", GraphicSet.ISO_IR_87, null);
        iso2022("ISO 2022 IR 159", GraphicSet.ISO_IR_159, null);
        iso2022("ISO 2022 IR 149", null, GraphicSet.ISO_IR_149);
        iso2022("ISO 2022 IR 58", null, GraphicSet.ISO_IR_58);
        whole("ISO_IR 192", StandardCharsets.UTF_8);
        whole("GB18030", Charset.forName("GB18030"));
        whole("GBK", Charset.forName("GBK"));
    }

    private static void single(String term, GraphicSet g0, GraphicSet g1) {
        TERMS.put(term, new Term(term, Kind.SINGLE_BYTE, g0, g1, null));
    }

    private static void iso2022(String term, GraphicSet g0, GraphicSet g1) {
        TERMS.put(term, new Term(term, Kind.ISO_2022, g0, g1, null));
    }

    private static void whole(String term, Charset cs) {
        TERMS.put(term, new Term(term, Kind.WHOLE_VALUE, null, null, cs));
    }

    /** Trims and upper-cases a value of (0008,0005); null becomes "". */
    public static String normalize(String definedTerm) {
        return definedTerm == null ? "" : definedTerm.strip().toUpperCase(Locale.ROOT);
    }

    /** The term for a normalized defined term, or null when unknown. "" is not a term. */
    public static Term lookup(String normalized) {
        return TERMS.get(normalized);
    }

    /**
     * The ISO 2022 counterpart of a single-byte term: files often write "ISO_IR 100" as value 1
     * of a multi-valued (0008,0005) where "ISO 2022 IR 100" is meant.
     */
    public Term asIso2022() {
        if (kind != Kind.SINGLE_BYTE) {
            return this;
        }
        Term t = TERMS.get(term.replace("ISO_IR ", "ISO 2022 IR "));
        return t != null ? t : new Term(term, Kind.ISO_2022, g0, g1, null);
    }
}
