package org.xnat.router.importer.internal.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xnat.router.importer.ImportJob;

/** The JSON shape of import jobs (snake_case keys, as in config.yaml). */
final class ImportJson {

    private ImportJson() {
    }

    /** A job; {@code full} adds the preview and the errors. */
    static Map<String, Object> job(ImportJob j, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("state", j.state().name());
        m.put("path", j.request().directory().toString());
        m.put("route", j.request().routeAeTitle().isEmpty() ? null : j.request().routeAeTitle());
        m.put("recursive", j.request().recursive());
        m.put("move", j.request().move());
        m.put("dry_run", j.request().dryRun());
        m.put("requested_by", j.request().requestedBy());
        m.put("files_total", j.filesTotal());
        m.put("files_done", j.filesDone());
        m.put("imported", j.imported());
        m.put("filtered", j.filtered());
        m.put("skipped", j.skipped());
        m.put("failed", j.failed());
        m.put("bytes_total", j.bytesTotal());
        m.put("bytes_done", j.bytesDone());
        m.put("bytes_per_second", Math.round(j.bytesPerSecond()));
        m.put("started_at", j.startedAt().toString());
        m.put("finished_at", j.finishedAt() == null ? null : j.finishedAt().toString());
        m.put("study_count", j.studies().size());
        if (full) {
            m.put("studies", j.studies().stream().map(ImportJson::study).toList());
            m.put("errors", j.errors().stream().map(e -> Map.of("path", e.path(), "reason", e.reason())).toList());
        }
        return m;
    }

    private static Map<String, Object> study(ImportJob.StudyPreview s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study_instance_uid", s.studyInstanceUid());
        m.put("patient_id", s.patientId());
        m.put("patient_name", s.patientName());
        m.put("study_date", s.studyDate());
        m.put("study_description", s.studyDescription());
        m.put("modalities", s.modalities());
        m.put("instances", s.instances());
        m.put("bytes", s.bytes());
        return m;
    }

    static Map<String, Object> error(String message, List<Map<String, String>> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        if (!problems.isEmpty()) {
            m.put("problems", problems);
        }
        return m;
    }
}
