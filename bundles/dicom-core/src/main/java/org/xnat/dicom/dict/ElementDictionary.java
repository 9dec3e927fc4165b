package org.xnat.dicom.dict;

import java.util.Optional;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.internal.ElementTable;

/**
 * The PS3.6 data dictionary (every element, retired ones too, repeating groups such as (60xx,3000)) and the
 * private dictionary (elements keyed by their private creator). Immutable; loaded once on first use from a
 * compact generated resource.
 *
 * <pre>{@code VR vr = ElementDictionary.vrOf(Tag.PatientName);            // PN
 * int tag = ElementDictionary.tagForKeyword("PatientName");             // 0x00100010
 * VR pvr = ElementDictionary.vrOf("SIEMENS CSA HEADER", 0x00291010);    // OB}</pre>
 */
public final class ElementDictionary {

    private ElementDictionary() {
    }

    /** The standard entry of a tag (repeating groups resolved), if any. */
    public static Optional<DictionaryEntry> entry(int tag) {
        return Optional.ofNullable(ElementTable.standard().find(tag));
    }

    /** The entry of a private element (gggg,xxee) of the given creator, if the private dictionary knows it. */
    public static Optional<DictionaryEntry> privateEntry(String privateCreator, int tag) {
        return Optional.ofNullable(ElementTable.standard().findPrivate(privateCreator, tag));
    }

    /**
     * The VR to assume for a tag in Implicit VR: the dictionary's, UL for group lengths, LO for private
     * creators, UN for anything unknown.
     */
    public static VR vrOf(int tag) {
        if (Tag.isGroupLength(tag)) {
            return VR.UL;
        }
        if (Tag.isPrivateCreator(tag)) {
            return VR.LO;
        }
        DictionaryEntry e = ElementTable.standard().find(tag);
        return e == null ? VR.UN : e.vr();
    }

    /** Like {@link #vrOf(int)} for a private element whose creator is known ({@code null}: standard element). */
    public static VR vrOf(String privateCreator, int tag) {
        if (privateCreator != null && Tag.isPrivate(tag) && !Tag.isPrivateCreator(tag)) {
            DictionaryEntry e = ElementTable.standard().findPrivate(privateCreator, tag);
            return e == null ? VR.UN : e.vr();
        }
        return vrOf(tag);
    }

    /** Keyword ("PatientName") or {@code null}. */
    public static String keywordOf(int tag) {
        DictionaryEntry e = ElementTable.standard().find(tag);
        return e == null ? null : e.keyword();
    }

    /** Tag of a keyword, or -1 if unknown. Repeating-group keywords give the first group (0x60003000). */
    public static int tagForKeyword(String keyword) {
        DictionaryEntry e = ElementTable.standard().byKeyword(keyword);
        return e == null ? -1 : e.tag();
    }

    /** Name ("Patient's Name") or {@code null}. */
    public static String nameOf(int tag) {
        DictionaryEntry e = ElementTable.standard().find(tag);
        return e == null ? null : e.name();
    }

    /** Number of standard entries (for diagnostics and tests). */
    public static int size() {
        return ElementTable.standard().size();
    }
}
