package org.xnat.dicom.io;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;

/**
 * Builds the File Meta Information of a Part 10 file (PS3.10 7.1).
 *
 * <pre>{@code Attributes fmi = FileMetaInformation.create(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);}</pre>
 */
public final class FileMetaInformation {

    /** This toolkit's Implementation Class UID (a UUID-derived UID, PS3.5 B.2). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.18112500141181496233085589573189392551";
    public static final String IMPLEMENTATION_VERSION_NAME = "XNAT_ROUTER_01";

    private FileMetaInformation() {
    }

    public static Attributes create(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        Attributes fmi = new Attributes();
        fmi.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        fmi.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUid == null ? "" : sopClassUid);
        fmi.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid == null ? "" : sopInstanceUid);
        fmi.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUid);
        fmi.setString(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
        fmi.setString(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME);
        return fmi;
    }

    /** From the dataset's SOP Class UID and SOP Instance UID. */
    public static Attributes create(Attributes dataset, TransferSyntax ts) {
        return create(dataset.getString(Tag.SOPClassUID), dataset.getString(Tag.SOPInstanceUID), ts.uid());
    }

    /** A copy of {@code fmi} naming another transfer syntax (keeps the other meta elements as they are). */
    public static Attributes withTransferSyntax(Attributes fmi, TransferSyntax ts) {
        Attributes copy = new Attributes(fmi);
        copy.setString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
        return copy;
    }
}
