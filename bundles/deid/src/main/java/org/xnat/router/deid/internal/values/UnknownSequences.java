package org.xnat.router.deid.internal.values;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.ElementDictionary;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;

/**
 * Decodes standard sequences that arrived as UN (PS3.5 6.2.2: a UN value of a sequence holds its items in
 * Implicit VR Little Endian), so that de-identification sees, and changes, what is inside them. A UN value
 * that does not decode as a sequence fails the instance: keeping it would hide attributes from the rules.
 */
public final class UnknownSequences {

    private UnknownSequences() {
    }

    /** Replaces every UN element whose dictionary VR is SQ by the decoded sequence, at every depth. */
    public static void decode(Attributes item) {
        for (int tag : item.tags()) {
            Object value = item.getValue(tag);
            if (value instanceof Sequence s) {
                s.forEach(UnknownSequences::decode);
            } else if (item.getVR(tag) == VR.UN && value instanceof byte[] b
                    && ElementDictionary.vrOf(tag) == VR.SQ) {
                Sequence decoded = parse(tag, b);
                Sequence target = item.newSequence(tag);
                for (Attributes child : decoded) {
                    decode(target.addItem(child));
                }
            }
        }
    }

    private static Sequence parse(int tag, byte[] value) {
        byte[] element = new byte[8 + value.length];
        put16(element, 0, tag >>> 16);
        put16(element, 2, tag & 0xFFFF);
        put16(element, 4, value.length & 0xFFFF);
        put16(element, 6, value.length >>> 16);
        System.arraycopy(value, 0, element, 8, value.length);
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(element),
                ReadOptions.defaults().transferSyntax(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN))) {
            Sequence s = r.readDataset().getSequence(tag);
            if (s == null) {
                throw new IllegalArgumentException("UN value of sequence " + org.xnat.dicom.data.Tag.toString(tag)
                        + " does not decode as a sequence");
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("UN value of sequence " + org.xnat.dicom.data.Tag.toString(tag)
                    + " does not decode as a sequence: " + e.getMessage(), e);
        }
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }
}
