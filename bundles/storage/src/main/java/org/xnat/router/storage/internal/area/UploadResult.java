package org.xnat.router.storage.internal.area;

import java.util.List;

/**
 * What an upload did.
 *
 * @param uploadId its id (logs, audit)
 * @param route the route's AE title
 * @param filesReceived files sent (archives count as one)
 * @param archivesExtracted archives among them, extracted
 * @param filesStored DICOM instances stored
 * @param studies the studies that received instances
 * @param rejectedCount files that are not DICOM instances (not kept)
 * @param rejected the first of them, with the reason
 */
public record UploadResult(String uploadId, String route, int filesReceived, int archivesExtracted, int filesStored,
        List<StudyCount> studies, int rejectedCount, List<Rejected> rejected) {

    /**
     * @param studyInstanceUid the study
     * @param instancesStored instances of this upload stored in it
     */
    public record StudyCount(String studyInstanceUid, int instancesStored) {
    }

    /**
     * @param file the file's name in the upload (archive entries as {@code archive!entry})
     * @param reason why it was not kept
     */
    public record Rejected(String file, String reason) {
    }
}
