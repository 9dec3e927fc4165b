package org.xnat.router.storage.internal.area;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the storage area knows of one stored study: kept as {@code study.json} beside the study's
 * {@code files/} directory (not in PostgreSQL: the files and their state move, and are deleted, together).
 *
 * @param studyInstanceUid (0020,000D)
 * @param patientId (0010,0020)
 * @param patientName (0010,0010)
 * @param studyDate (0008,0020)
 * @param studyDescription (0008,1030)
 * @param modalities distinct (0008,0060) values, sorted
 * @param instances files stored (one per SOP Instance UID)
 * @param bytes their size
 * @param uploadedAt when files last arrived (ISO-8601 instant)
 * @param uploadedBy who sent them last (API key name)
 * @param state {@code stored}, {@code importing} or {@code failed}
 * @param importJobId the import job of the state {@code importing} (or the last one)
 * @param importFailures failed files of the last import
 * @param errors the last import's first errors, for people
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StudyRecord(String studyInstanceUid, String patientId, String patientName, String studyDate,
        String studyDescription, List<String> modalities, long instances, long bytes, String uploadedAt,
        String uploadedBy, String state, String importJobId, long importFailures, List<String> errors) {

    public static final String STORED = "stored";
    public static final String IMPORTING = "importing";
    public static final String FAILED = "failed";

    public StudyRecord {
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
        errors = errors == null ? List.of() : List.copyOf(errors);
        state = state == null ? STORED : state;
    }

    public StudyRecord withState(String newState, String jobId, long failures, List<String> newErrors) {
        return new StudyRecord(studyInstanceUid, patientId, patientName, studyDate, studyDescription, modalities,
                instances, bytes, uploadedAt, uploadedBy, newState, jobId, failures, newErrors);
    }

    public StudyRecord withContent(List<String> newModalities, long newInstances, long newBytes, String at, String by) {
        return new StudyRecord(studyInstanceUid, patientId, patientName, studyDate, studyDescription, newModalities,
                newInstances, newBytes, at, by, state, importJobId, importFailures, errors);
    }
}
