package org.xnat.router.importer;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of an import job.
 *
 * @param id job id
 * @param request what was asked
 * @param state where the job is
 * @param filesTotal files found so far (final once scanning is done)
 * @param filesDone files handled (imported, skipped or failed)
 * @param imported DICOM instances ingested (in a dry run: readable DICOM instances found)
 * @param skipped files that are not DICOM
 * @param failed DICOM files that could not be read or ingested
 * @param bytesTotal size of all files found
 * @param bytesDone size of the files handled
 * @param bytesPerSecond current rate
 * @param startedAt when it started
 * @param finishedAt when it finished, or {@code null}
 * @param studies the preview: one entry per StudyInstanceUID
 * @param errors the first errors (path and reason), capped
 * @param filtered of {@code imported}, the instances the route's filters dropped (durably recorded as
 *        filtered, not delivered)
 */
public record ImportJob(String id, ImportRequest request, State state, long filesTotal, long filesDone, long imported,
        long skipped, long failed, long bytesTotal, long bytesDone, double bytesPerSecond, Instant startedAt,
        Instant finishedAt, List<StudyPreview> studies, List<ImportError> errors, long filtered) {

    public ImportJob {
        studies = studies == null ? List.of() : List.copyOf(studies);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The 1.0 shape, without the filtered count (0). */
    public ImportJob(String id, ImportRequest request, State state, long filesTotal, long filesDone, long imported,
            long skipped, long failed, long bytesTotal, long bytesDone, double bytesPerSecond, Instant startedAt,
            Instant finishedAt, List<StudyPreview> studies, List<ImportError> errors) {
        this(id, request, state, filesTotal, filesDone, imported, skipped, failed, bytesTotal, bytesDone,
                bytesPerSecond, startedAt, finishedAt, studies, errors, 0);
    }

    /** True once the job will not change any more. */
    public boolean finished() {
        return state == State.DONE || state == State.FAILED || state == State.CANCELLED;
    }

    public enum State { SCANNING, RUNNING, DONE, FAILED, CANCELLED }

    /**
     * One study found.
     *
     * @param studyInstanceUid the study
     * @param patientId (0010,0020)
     * @param patientName (0010,0010)
     * @param studyDate (0008,0020)
     * @param studyDescription (0008,1030)
     * @param modalities distinct (0008,0060) values
     * @param instances instance count
     * @param bytes total size
     */
    public record StudyPreview(String studyInstanceUid, String patientId, String patientName, String studyDate,
            String studyDescription, List<String> modalities, long instances, long bytes) {
    }

    /**
     * A file that failed.
     *
     * @param path the file
     * @param reason why, for people
     */
    public record ImportError(String path, String reason) {
    }
}
