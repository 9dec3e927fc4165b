package org.xnat.router.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.importer.ImportJob;
import org.xnat.router.importer.ImportRequest;
import org.xnat.router.importer.ImportService;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.storage.internal.archive.UploadRefusedException;
import org.xnat.router.storage.internal.area.StorageArea;
import org.xnat.router.storage.internal.area.StudyRecord;
import org.xnat.router.storage.internal.area.UploadProcessor;
import org.xnat.router.storage.internal.area.UploadResult;

/**
 * The storage area's operations: uploads, "move to import" of stored studies, retries of failed ones, the
 * trash. An import runs as an {@link ImportService} job with {@code move=true} on the study's {@code files/}
 * directory; {@link #monitor()} follows the jobs and removes a study once all its files were imported, or marks
 * it failed. Every change is audited.
 */
public final class StorageService {

    private static final Logger LOG = LoggerFactory.getLogger(StorageService.class);
    private static final int MAX_ERRORS = 20;
    static final String SYSTEM = "system";

    private final StorageArea area;
    private final UploadProcessor uploads;
    private final ImportService importer;
    private final Predicate<String> autoImport;
    private final AuditLog audit;
    private final Object lock;

    /**
     * @param autoImport whether a route (AE title) has {@code auto_import: true}
     * @param lock the lock the upload processor shares
     */
    public StorageService(StorageArea area, UploadProcessor uploads, ImportService importer,
            Predicate<String> autoImport, AuditLog audit, Object lock) {
        this.area = area;
        this.uploads = uploads;
        this.importer = importer;
        this.autoImport = autoImport;
        this.audit = audit;
        this.lock = lock;
    }

    public StorageArea area() {
        return area;
    }

    /** An upload and, for a route with {@code auto_import}, the imports it starts. */
    public record UploadOutcome(UploadResult result, List<String> importJobs) {
    }

    /**
     * @param body the request body
     * @param boundary the multipart boundary, or {@code null} for a single file
     * @param filename the single file's name (or null)
     */
    public UploadOutcome upload(String route, String actor, String remote, InputStream body, String boundary,
            String filename) throws UploadRefusedException, IOException {
        UploadResult r;
        try {
            r = boundary != null ? uploads.multipart(route, actor, body, boundary)
                    : uploads.single(route, actor, body, filename);
        } catch (UploadRefusedException e) {
            audit.record(actor, "storage.upload.refused", "route", route, remote, Map.of("reason", e.getMessage()));
            throw e;
        }
        audit.record(actor, "storage.upload", "route", route, remote, Map.of("uploadId", r.uploadId(),
                "files", r.filesReceived(), "stored", r.filesStored(), "studies", r.studies().size(),
                "rejected", r.rejectedCount()));
        List<String> jobs = new ArrayList<>();
        if (autoImport.test(route)) {
            for (UploadResult.StudyCount s : r.studies()) {
                try {
                    jobs.add(startImport(route, s.studyInstanceUid(), actor, remote, false));
                } catch (StorageException e) {
                    // e.g. the study is already importing: its new files are picked up by the next import
                    LOG.info("Auto-import of study {} on route {} not started: {}", s.studyInstanceUid(), route,
                            e.getMessage());
                }
            }
        }
        return new UploadOutcome(r, jobs);
    }

    /** Starts the move-import of one stored (or, with {@code retry}, failed) study; returns the job id. */
    public String startImport(String route, String studyUid, String actor, String remote, boolean retry)
            throws StorageException, IOException {
        synchronized (lock) {
            StudyRecord rec = study(route, studyUid);
            if (rec.state().equals(StudyRecord.IMPORTING)) {
                throw new StorageException(409, "study " + studyUid + " is already being imported (job "
                        + rec.importJobId() + ")");
            }
            if (retry && !rec.state().equals(StudyRecord.FAILED)) {
                throw new StorageException(409, "study " + studyUid + " has not failed (state " + rec.state()
                        + "); use import");
            }
            ImportJob job;
            try {
                job = importer.start(new ImportRequest(area.filesDir(route, rec.studyInstanceUid()), route, true, true,
                        false, actor));
            } catch (IllegalArgumentException e) {
                throw new StorageException(409, "the import cannot start: " + e.getMessage());
            }
            area.save(route, rec.withState(StudyRecord.IMPORTING, job.id(), 0, List.of()));
            audit.record(actor, retry ? "storage.study.retry" : "storage.study.import", "study", route + "/" + studyUid,
                    remote, Map.of("job", job.id(), "instances", rec.instances()));
            return job.id();
        }
    }

    /** Starts the import of every stored study of a route; returns study UID to job id. */
    public Map<String, String> importAll(String route, String actor, String remote) throws IOException {
        Map<String, String> jobs = new LinkedHashMap<>();
        for (StudyRecord s : area.studies(route)) {
            if (s.state().equals(StudyRecord.STORED)) {
                try {
                    jobs.put(s.studyInstanceUid(), startImport(route, s.studyInstanceUid(), actor, remote, false));
                } catch (StorageException e) {
                    LOG.info("Study {} not imported: {}", s.studyInstanceUid(), e.getMessage());
                }
            }
        }
        return jobs;
    }

    /** Moves a study to the trash. */
    public void delete(String route, String studyUid, String actor, String remote) throws StorageException, IOException {
        synchronized (lock) {
            StudyRecord rec = study(route, studyUid);
            if (rec.state().equals(StudyRecord.IMPORTING)) {
                throw new StorageException(409, "study " + studyUid + " is being imported; delete it when the import"
                        + " has ended");
            }
            area.trash(route, rec.studyInstanceUid());
            audit.record(actor, "storage.study.delete", "study", route + "/" + studyUid, remote,
                    Map.of("instances", rec.instances(), "bytes", rec.bytes()));
        }
    }

    /** Purges the trash: everything older than the retention ({@link Duration#ZERO}: all of it). */
    public int purge(Duration retention, String actor, String remote) throws IOException {
        int n;
        synchronized (lock) {
            n = area.purgeTrash(retention);
        }
        if (n > 0 || !actor.equals(SYSTEM)) {
            audit.record(actor, "storage.trash.purge", "storage", "trash", remote,
                    Map.of("purged", n, "retentionDays", retention.toDays()));
        }
        return n;
    }

    public StudyRecord study(String route, String studyUid) throws StorageException, IOException {
        Optional<StudyRecord> rec = area.study(route, studyUid);
        if (rec.isEmpty()) {
            throw new StorageException(404, "no stored study " + studyUid + " on route " + route);
        }
        return rec.get();
    }

    /** Studies of a route in one state ({@code null}: all), newest upload first. */
    public List<StudyRecord> studies(String route, String state) throws StorageException, IOException {
        if (state != null && !List.of(StudyRecord.STORED, StudyRecord.FAILED, StudyRecord.IMPORTING)
                .contains(state.toLowerCase(Locale.ROOT))) {
            throw new StorageException(400, "unknown state '" + state + "' (stored, failed or importing)");
        }
        List<StudyRecord> all = new ArrayList<>(area.studies(route));
        if (state != null) {
            all.removeIf(s -> !s.state().equalsIgnoreCase(state));
        }
        all.sort(Comparator.comparing((StudyRecord s) -> String.valueOf(s.uploadedAt())).reversed());
        return all;
    }

    /**
     * Follows running imports: a finished job whose files are all gone removes its study; one with failures (or
     * that ended badly, or was lost in a restart) marks it failed; leftovers without failures make it stored again.
     */
    public void monitor(List<String> routes) {
        for (String route : routes) {
            try {
                for (StudyRecord s : area.studies(route)) {
                    if (s.state().equals(StudyRecord.IMPORTING)) {
                        follow(route, s);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Storage monitor, route {}: {}", route, e.toString());
            }
        }
    }

    private void follow(String route, StudyRecord s) throws IOException {
        Optional<ImportJob> job = s.importJobId() == null ? Optional.empty() : importer.job(s.importJobId());
        if (job.isPresent() && (job.get().state() == ImportJob.State.SCANNING
                || job.get().state() == ImportJob.State.RUNNING)) {
            return;
        }
        synchronized (lock) {
            String uid = s.studyInstanceUid();
            long remaining = area.remainingFiles(route, uid);
            String target = route + "/" + uid;
            if (job.isEmpty()) {
                if (remaining == 0) {
                    area.remove(route, uid);
                    audit.record(SYSTEM, "storage.study.imported", "study", target, "", Map.of("job", s.importJobId()));
                } else {
                    area.save(route, s.withState(StudyRecord.FAILED, s.importJobId(), remaining,
                            List.of("the import job was lost (router restarted?); " + remaining + " file(s) not imported")));
                    audit.record(SYSTEM, "storage.study.import.failed", "study", target, "",
                            Map.of("job", String.valueOf(s.importJobId()), "reason", "job lost"));
                }
                return;
            }
            ImportJob j = job.get();
            if (j.state() == ImportJob.State.DONE && j.failed() == 0 && remaining == 0) {
                area.remove(route, uid);
                audit.record(SYSTEM, "storage.study.imported", "study", target, "",
                        Map.of("job", j.id(), "imported", j.imported()));
                LOG.info("Stored study {} of route {} imported ({} instances)", uid, route, j.imported());
            } else if (j.state() == ImportJob.State.DONE && j.failed() == 0) {
                long[] usage = new long[] {remaining};
                area.save(route, s.withState(StudyRecord.STORED, j.id(), 0, List.of()).withContent(s.modalities(),
                        usage[0], s.bytes(), s.uploadedAt(), s.uploadedBy()));
            } else {
                List<String> errors = new ArrayList<>();
                if (j.state() != ImportJob.State.DONE) {
                    errors.add("import " + j.state().name().toLowerCase(Locale.ROOT));
                }
                j.errors().stream().limit(MAX_ERRORS).forEach(e -> errors.add(e.path() + ": " + e.reason()));
                area.save(route, s.withState(StudyRecord.FAILED, j.id(), Math.max(j.failed(), remaining), errors));
                audit.record(SYSTEM, "storage.study.import.failed", "study", target, "",
                        Map.of("job", j.id(), "failed", j.failed(), "state", j.state().name()));
                LOG.warn("Stored study {} of route {}: import {} ended {} with {} failure(s)", uid, route, j.id(),
                        j.state(), j.failed());
            }
        }
    }

    /**
     * Per route: stored studies, their instances and bytes, failed and importing studies.
     */
    public Map<String, Object> summary(String route) throws IOException {
        long stored = 0;
        long failed = 0;
        long importing = 0;
        long instances = 0;
        long bytes = 0;
        for (StudyRecord s : area.studies(route)) {
            switch (s.state()) {
                case StudyRecord.FAILED -> failed++;
                case StudyRecord.IMPORTING -> importing++;
                default -> stored++;
            }
            instances += s.instances();
            bytes += s.bytes();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("route", route);
        m.put("storedStudies", stored);
        m.put("failedStudies", failed);
        m.put("importingStudies", importing);
        m.put("instances", instances);
        m.put("bytes", bytes);
        return m;
    }
}
