package org.xnat.dicom.json;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.VR;

/**
 * Chooses the "BulkDataURI" under which a value is published, e.g. a DICOMweb URL of the instance
 * followed by the tag path.
 */
@FunctionalInterface
public interface BulkDataUriFunction {

    /**
     * @param item  the dataset or sequence item holding the element
     * @param tag   the element's tag
     * @param vr    its VR
     * @param value {@code byte[]}, {@link org.xnat.dicom.data.BulkDataReference} or
     *              {@link org.xnat.dicom.data.Fragments}
     * @return the URI, or null to write the value inline (for references: their own URI)
     */
    String uriFor(Attributes item, int tag, VR vr, Object value);
}
