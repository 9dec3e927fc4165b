package org.xnat.router.importer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xnat.dicom.data.Tag;
import org.xnat.router.importer.ImportJob.StudyPreview;

/** The preview of a job: instances found, grouped by StudyInstanceUID. Not thread-safe (the job guards it). */
final class StudyPreviews {

    /** Studies listed at most; instances of further studies are still counted in the job's totals. */
    static final int MAX_STUDIES = 10_000;
    private static final int MAX_MODALITIES = 16;
    private static final int MAX_TEXT = 256;

    private final Map<String, Study> studies = new LinkedHashMap<>();
    private boolean truncated;

    void add(DicomProbe.Result r, long bytes) {
        String uid = r.get(Tag.StudyInstanceUID);
        Study s = studies.get(uid);
        if (s == null) {
            if (studies.size() >= MAX_STUDIES) {
                truncated = true;
                return;
            }
            s = new Study(cap(uid), cap(r.get(Tag.PatientID)), cap(r.get(Tag.PatientName)), cap(r.get(Tag.StudyDate)),
                    cap(r.get(Tag.StudyDescription)));
            studies.put(uid, s);
        }
        String modality = r.get(Tag.Modality);
        if (!modality.isEmpty() && s.modalities.size() < MAX_MODALITIES) {
            s.modalities.add(cap(modality));
        }
        s.instances++;
        s.bytes += bytes;
    }

    /** True when more studies were found than are listed. */
    boolean truncated() {
        return truncated;
    }

    List<StudyPreview> snapshot() {
        List<StudyPreview> out = new ArrayList<>(studies.size());
        for (Study s : studies.values()) {
            out.add(new StudyPreview(s.uid, s.patientId, s.patientName, s.studyDate, s.description,
                    List.copyOf(s.modalities), s.instances, s.bytes));
        }
        return out;
    }

    private static String cap(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }

    private static final class Study {
        final String uid;
        final String patientId;
        final String patientName;
        final String studyDate;
        final String description;
        final Set<String> modalities = new LinkedHashSet<>();
        long instances;
        long bytes;

        Study(String uid, String patientId, String patientName, String studyDate, String description) {
            this.uid = uid;
            this.patientId = patientId;
            this.patientName = patientName;
            this.studyDate = studyDate;
            this.description = description;
        }
    }
}
