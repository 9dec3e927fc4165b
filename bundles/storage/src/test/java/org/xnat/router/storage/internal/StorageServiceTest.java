package org.xnat.router.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.importer.ImportJob;
import org.xnat.router.importer.ImportRequest;
import org.xnat.router.importer.ImportService;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.storage.internal.archive.UploadRefusedException;
import org.xnat.router.storage.internal.area.StorageArea;
import org.xnat.router.storage.internal.area.StudyRecord;
import org.xnat.router.storage.internal.area.UploadLimits;
import org.xnat.router.storage.internal.area.UploadProcessor;
import org.xnat.router.storage.internal.area.UploadResult;
import org.xnat.router.testing.Pydicom;

/**
 * Uploads of real corpus files through the multipart and single-body paths into a real storage area, and the
 * study states around imports. The import service here is a stand-in that moves (or fails) files the way a
 * move-import does; the real one runs in {@code UploadIT}.
 */
class StorageServiceTest {

    static final String ROUTE = "ROUTER";
    static final String B = "----WebKitFormBoundaryAbC123";

    @TempDir
    Path tmp;
    StorageArea area;
    StorageService service;
    FakeImporter importer = new FakeImporter();
    List<String> audit = new ArrayList<>();
    boolean autoImport;

    static String ctStudy;
    static String mrStudy;

    @BeforeAll
    static void corpus() throws Exception {
        Pydicom.assumeAvailable();
        ctStudy = Pydicom.read(Pydicom.corpus("CT_small.dcm"), "StudyInstanceUID").get("StudyInstanceUID");
        mrStudy = Pydicom.read(Pydicom.corpus("MR_small.dcm"), "StudyInstanceUID").get("StudyInstanceUID");
    }

    @BeforeEach
    void setUp() throws IOException {
        area = new StorageArea(tmp.resolve("storage"), Clock.systemUTC());
        Object lock = new Object();
        AuditLog log = (actor, action, type, id, remote, detail) -> audit.add(actor + " " + action + " " + id);
        service = new StorageService(area, new UploadProcessor(area, UploadLimits::defaults, lock, Clock.systemUTC()),
                importer, route -> autoImport, log, lock);
    }

    static byte[] multipart(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.forEach((name, data) -> {
            out.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(data);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        out.writeBytes(("--" + B + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                z.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                z.write(e.getValue());
                z.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] corpusBytes(String name) throws IOException {
        return Files.readAllBytes(Pydicom.corpus(name));
    }

    private StorageService.UploadOutcome upload(byte[] body) throws Exception {
        return service.upload(ROUTE, "op-key", "127.0.0.1", new ByteArrayInputStream(body), B, null);
    }

    private Set<String> tree() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.map(p -> tmp.relativize(p).toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void folderAndZipUploadIsSortedPerStudyAndNonDicomIsReported() throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("scan/ct/CT_small.dcm", corpusBytes("CT_small.dcm"));
        files.put("scan/notes.txt", "not DICOM".getBytes(StandardCharsets.UTF_8));
        files.put("more.zip", zip(Map.of("mr/MR_small.dcm", corpusBytes("MR_small.dcm"),
                "mr/MR_small_implicit.dcm", corpusBytes("MR_small_implicit.dcm"), "readme.md", new byte[] {'#'})));
        UploadResult r = upload(multipart(files)).result();

        assertThat(r.filesReceived()).isEqualTo(3);
        assertThat(r.archivesExtracted()).isEqualTo(1);
        assertThat(r.rejectedCount()).isEqualTo(2);
        assertThat(r.rejected()).extracting(UploadResult.Rejected::file).containsExactlyInAnyOrder("scan/notes.txt",
                "more.zip!readme.md");
        List<StudyRecord> studies = service.studies(ROUTE, "stored");
        assertThat(studies).extracting(StudyRecord::studyInstanceUid).contains(ctStudy, mrStudy);
        StudyRecord ct = service.study(ROUTE, ctStudy);
        Map<String, String> ctTags = Pydicom.read(Pydicom.corpus("CT_small.dcm"), "PatientName", "StudyDate", "Modality");
        assertThat(ct.patientName()).isEqualTo(ctTags.get("PatientName"));
        assertThat(ct.studyDate()).isEqualTo(ctTags.get("StudyDate"));
        assertThat(ct.modalities()).containsExactly(ctTags.get("Modality"));
        assertThat(ct.instances()).isEqualTo(1);
        assertThat(ct.bytes()).isEqualTo(Files.size(Pydicom.corpus("CT_small.dcm")));
        assertThat(ct.uploadedBy()).isEqualTo("op-key");
        assertThat(r.filesStored()).isEqualTo(3);
        assertThat(Files.list(area.root().resolve(StorageArea.INCOMING)).count()).as("incoming cleaned").isZero();
        assertThat(audit).anyMatch(a -> a.startsWith("op-key storage.upload ROUTER"));
        assertThat(service.summary(ROUTE)).containsEntry("storedStudies", (long) studies.size());
    }

    @Test
    void hostileArchiveInAnUploadLeavesNothing() throws Exception {
        Set<String> before = tree();
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("good.dcm", corpusBytes("CT_small.dcm"));
        files.put("evil.zip", zip(Map.of("../../../evil.dcm", corpusBytes("MR_small.dcm"))));
        UploadRefusedException e = assertThrows(UploadRefusedException.class, () -> upload(multipart(files)));
        assertThat(e.getMessage()).isEqualTo("archive 'evil.zip': entry '../../../evil.dcm' escapes the target directory ('..')");
        assertThat(tree()).isEqualTo(before);
        assertThat(service.studies(ROUTE, null)).isEmpty();
        assertThat(audit).anyMatch(a -> a.startsWith("op-key storage.upload.refused"));

        UploadRefusedException name = assertThrows(UploadRefusedException.class,
                () -> upload(multipart(Map.of("../outside.dcm", corpusBytes("CT_small.dcm")))));
        assertThat(name.getMessage()).contains("file '../outside.dcm' escapes");
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void singleBodyTooLargeIsRefusedAsTooLarge() throws Exception {
        Object lock = new Object();
        UploadLimits small = new UploadLimits(10_000, 10, UploadLimits.defaults().archive(), 8192);
        StorageService tiny = new StorageService(area, new UploadProcessor(area, () -> small, lock, Clock.systemUTC()),
                importer, r -> false, (a, b, c, d, e, f) -> { }, lock);
        UploadRefusedException e = assertThrows(UploadRefusedException.class, () -> tiny.upload(ROUTE, "k", "",
                new ByteArrayInputStream(corpusBytes("CT_small.dcm")), null, "CT_small.dcm"));
        assertThat(e.tooLarge()).isTrue();
        assertThat(e.getMessage()).contains("larger than 10000 bytes");
        StorageService.UploadOutcome ok = service.upload(ROUTE, "k", "", new ByteArrayInputStream(
                corpusBytes("CT_small.dcm")), null, "CT_small.dcm");
        assertThat(ok.result().filesStored()).isEqualTo(1);
    }

    @Test
    void moveToImportRemovesTheStudyOnSuccessAndMarksFailuresForRetry() throws Exception {
        upload(multipart(Map.of("a.dcm", corpusBytes("CT_small.dcm"), "b.dcm", corpusBytes("MR_small.dcm"))));
        String job = service.startImport(ROUTE, ctStudy, "op-key", "", false);
        assertThat(service.study(ROUTE, ctStudy).state()).isEqualTo(StudyRecord.IMPORTING);
        assertThat(importer.requests.get(job).move()).isTrue();
        assertThat(importer.requests.get(job).directory()).isEqualTo(area.filesDir(ROUTE, ctStudy));
        assertThat(assertThrows(StorageException.class, () -> service.startImport(ROUTE, ctStudy, "k", "", false))
                .status()).isEqualTo(409);
        assertThat(assertThrows(StorageException.class, () -> service.delete(ROUTE, ctStudy, "k", ""))
                .status()).isEqualTo(409);
        service.monitor(List.of(ROUTE));
        assertThat(service.study(ROUTE, ctStudy).state()).as("job still running").isEqualTo(StudyRecord.IMPORTING);
        importer.finish(job, true);
        service.monitor(List.of(ROUTE));
        assertThat(area.studyDir(ROUTE, ctStudy)).doesNotExist();
        assertThat(audit).anyMatch(a -> a.equals("system storage.study.imported ROUTER/" + ctStudy));

        String job2 = service.startImport(ROUTE, mrStudy, "op-key", "", false);
        importer.finish(job2, false);
        service.monitor(List.of(ROUTE));
        StudyRecord failed = service.study(ROUTE, mrStudy);
        assertThat(failed.state()).isEqualTo(StudyRecord.FAILED);
        assertThat(failed.errors()).anyMatch(e -> e.contains("destination refused"));
        assertThat(service.studies(ROUTE, "failed")).hasSize(1);
        assertThat(assertThrows(StorageException.class, () -> service.startImport(ROUTE, "1.2.3", "k", "", true))
                .status()).isEqualTo(404);
        String job3 = service.startImport(ROUTE, mrStudy, "op-key", "", true);
        assertThat(job3).isNotEqualTo(job2);
        importer.finish(job3, true);
        service.monitor(List.of(ROUTE));
        assertThat(service.studies(ROUTE, null)).isEmpty();
    }

    @Test
    void autoImportStartsAtOnceAndDeleteGoesToTheTrash() throws Exception {
        autoImport = true;
        StorageService.UploadOutcome out = upload(multipart(Map.of("a.dcm", corpusBytes("CT_small.dcm"))));
        assertThat(out.importJobs()).hasSize(1);
        assertThat(service.study(ROUTE, ctStudy).state()).isEqualTo(StudyRecord.IMPORTING);
        importer.finish(out.importJobs().get(0), false);
        service.monitor(List.of(ROUTE));
        service.delete(ROUTE, ctStudy, "op-key", "");
        assertThat(area.studyDir(ROUTE, ctStudy)).doesNotExist();
        assertThat(area.trashUsage()[0]).isEqualTo(1);
        assertThat(service.purge(Duration.ofDays(7), StorageService.SYSTEM, "")).as("within retention").isZero();
        assertThat(service.purge(Duration.ZERO, "admin-key", "")).isEqualTo(1);
        assertThat(area.trashUsage()[0]).isZero();
        assertThat(audit).contains("op-key storage.study.delete ROUTER/" + ctStudy);
    }

    /** Moves (success) or keeps (failure) the files of a directory, as a move-import does, when told to. */
    static final class FakeImporter implements ImportService {
        final Map<String, ImportRequest> requests = new ConcurrentHashMap<>();
        final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
        int next;

        @Override
        public ImportJob start(ImportRequest request) {
            String id = "job-" + (++next);
            requests.put(id, request);
            ImportJob j = job(id, request, ImportJob.State.RUNNING, 0, List.of());
            jobs.put(id, j);
            return j;
        }

        void finish(String id, boolean ok) throws IOException {
            ImportRequest r = requests.get(id);
            List<ImportJob.ImportError> errors = new ArrayList<>();
            try (Stream<Path> s = Files.list(r.directory())) {
                for (Path p : s.toList()) {
                    if (ok) {
                        Files.delete(p);
                    } else {
                        errors.add(new ImportJob.ImportError(p.toString(), "destination refused"));
                    }
                }
            }
            jobs.put(id, job(id, r, ImportJob.State.DONE, errors.size(), errors));
        }

        private static ImportJob job(String id, ImportRequest r, ImportJob.State state, long failed,
                List<ImportJob.ImportError> errors) {
            return new ImportJob(id, r, state, 0, 0, 0, 0, failed, 0, 0, 0, Instant.now(), null, List.of(), errors, 0);
        }

        @Override
        public ImportJob scan(Path directory, boolean recursive) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ImportJob> job(String id) {
            return Optional.ofNullable(jobs.get(id));
        }

        @Override
        public List<ImportJob> jobs() {
            return List.copyOf(jobs.values());
        }

        @Override
        public boolean cancel(String id) {
            return false;
        }
    }
}
