package org.xnat.router.storage.internal.area;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;

/**
 * The few header values the storage area needs, read with the router's own toolkit; reading stops before the
 * pixel data and leaves big values in the file.
 *
 * @param studyInstanceUid (0020,000D)
 * @param sopInstanceUid (0008,0018)
 * @param patientId (0010,0020)
 * @param patientName (0010,0010)
 * @param studyDate (0008,0020)
 * @param studyDescription (0008,1030)
 * @param modality (0008,0060)
 */
public record DicomHeader(String studyInstanceUid, String sopInstanceUid, String patientId, String patientName,
        String studyDate, String studyDescription, String modality) {

    private static final ReadOptions OPTIONS = ReadOptions.defaults().stopBeforePixelData(true)
            .bulkDataThreshold(64 * 1024);

    /**
     * @return the header, or empty with the reason when the file is not a DICOM instance the router can route
     */
    public static Result read(Path file) {
        try (DicomReader r = DicomReader.open(file, OPTIONS)) {
            Attributes ds = r.readDataset();
            String study = value(ds, Tag.StudyInstanceUID);
            String sop = value(ds, Tag.SOPInstanceUID);
            if (sop.isEmpty() && r.fileMetaInformation() != null) {
                sop = value(r.fileMetaInformation(), Tag.MediaStorageSOPInstanceUID);
            }
            if (study.isEmpty() || sop.isEmpty()) {
                return new Result(Optional.empty(), r.fileMetaInformation() == null
                        ? "not a DICOM file" : "DICOM file without Study or SOP Instance UID (a DICOMDIR?)");
            }
            return new Result(Optional.of(new DicomHeader(study, sop, value(ds, Tag.PatientID),
                    value(ds, Tag.PatientName), value(ds, Tag.StudyDate), value(ds, Tag.StudyDescription),
                    value(ds, Tag.Modality))), "");
        } catch (IOException | RuntimeException e) {
            return new Result(Optional.empty(), "not a DICOM file (" + e.getMessage() + ")");
        }
    }

    private static String value(Attributes ds, int tag) {
        try {
            String s = ds.getString(tag, "");
            return s == null ? "" : s.strip();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * @param header the header, if the file is a routable DICOM instance
     * @param reason why not, otherwise
     */
    public record Result(Optional<DicomHeader> header, String reason) {
    }
}
