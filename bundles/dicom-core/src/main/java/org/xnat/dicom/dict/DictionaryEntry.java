package org.xnat.dicom.dict;

import java.util.List;
import org.xnat.dicom.data.VR;

/**
 * One data element of the dictionary. {@code vrs} has more than one VR where the standard allows
 * alternatives ("US or SS", "OB or OW"); {@link #vr()} is the one to assume when nothing else tells.
 *
 * @param tag the tag; for repeating groups/elements the first of the range, e.g. 0x60003000
 * @param mask bits of a tag that must equal {@code tag} for the entry to apply (0xFFFFFFFF unless repeating)
 * @param privateCreator the private creator for private elements, else {@code null}
 */
public record DictionaryEntry(int tag, int mask, String privateCreator, List<VR> vrs, String vm, boolean retired,
        String keyword, String name) {

    public DictionaryEntry {
        vrs = List.copyOf(vrs);
    }

    public VR vr() {
        return vrs.get(0);
    }

    public boolean matches(int otherTag) {
        return (otherTag & mask) == tag;
    }
}
