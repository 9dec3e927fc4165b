package org.xnat.router.storage.internal.area;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.storage.internal.archive.ArchiveFormat;
import org.xnat.router.storage.internal.archive.EntryNames;
import org.xnat.router.storage.internal.archive.ExtractionResult;
import org.xnat.router.storage.internal.archive.FileTrees;
import org.xnat.router.storage.internal.archive.SafeExtractor;
import org.xnat.router.storage.internal.archive.UploadRefusedException;
import org.xnat.router.storage.internal.multipart.MultipartParser;

/**
 * Receives one upload into {@code .incoming/ID/}, extracts its archives, sorts its DICOM instances into the
 * route's studies and deletes everything else. A refused upload leaves nothing: its incoming directory is
 * removed whatever happens, and studies only ever receive files by rename once the whole upload was accepted.
 */
public final class UploadProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(UploadProcessor.class);
    private static final int MAX_REJECTED_LISTED = 100;
    private static final int COPY_BUFFER = 64 * 1024;

    private final StorageArea area;
    private final Supplier<UploadLimits> limitsSource;
    private final Object lock;
    private final Clock clock;

    /**
     * @param lock held while studies are changed (shared with imports, deletes and the monitor)
     */
    public UploadProcessor(StorageArea area, Supplier<UploadLimits> limits, Object lock, Clock clock) {
        this.area = area;
        this.limitsSource = limits;
        this.lock = lock;
        this.clock = clock;
    }

    /** A {@code multipart/form-data} body: every part with a file name is a file (or an archive). */
    public UploadResult multipart(String route, String by, InputStream body, String boundary)
            throws UploadRefusedException, IOException {
        return run(route, by, up -> {
            try {
                new MultipartParser(body, boundary, up.limits.multipart()).parse((part, stream) -> {
                    if (part.filename() == null) {
                        return; // a plain form field: nothing to store
                    }
                    up.receive(part.filename(), stream);
                });
            } catch (IOException e) {
                UploadRefusedException r = MultipartParser.unwrap(e);
                if (r != null) {
                    throw r;
                }
                throw e;
            }
        });
    }

    /** A single file (DICOM or archive) as the whole body. */
    public UploadResult single(String route, String by, InputStream body, String filename)
            throws UploadRefusedException, IOException {
        return run(route, by, up -> up.receive(filename == null || filename.isBlank() ? "upload" : filename, body));
    }

    private interface Receiver {
        void receive(Upload up) throws UploadRefusedException, IOException;
    }

    private UploadResult run(String route, String by, Receiver receiver) throws UploadRefusedException, IOException {
        String id = StorageArea.newUploadId();
        Path incoming = area.newIncoming(id);
        try {
            Upload up = new Upload(id, incoming, limitsSource.get());
            receiver.receive(up);
            return up.sort(route, by);
        } finally {
            FileTrees.deleteQuietly(incoming);
        }
    }

    /** One upload's state. */
    private final class Upload {
        final String id;
        final Path dir;
        final UploadLimits limits;
        long bytes;
        int files;
        int received;
        int archives;
        /** Files to classify, with their names in the upload. */
        final Map<Path, String> candidates = new LinkedHashMap<>();

        Upload(String id, Path dir, UploadLimits limits) {
            this.id = id;
            this.dir = dir;
            this.limits = limits;
        }

        void receive(String name, InputStream in) throws UploadRefusedException, IOException {
            List<String> path = EntryNames.sanitize(name, "file", limits.archive());
            String shown = String.join("/", path);
            if (++files > limits.maxFiles()) {
                throw UploadRefusedException.tooLarge("more than " + limits.maxFiles() + " files in the upload");
            }
            received++;
            Path file = dir.resolve("p" + received);
            byte[] buffer = new byte[COPY_BUFFER];
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    bytes += n;
                    if (bytes > limits.maxUploadBytes()) {
                        throw UploadRefusedException.tooLarge("the upload is larger than " + limits.maxUploadBytes()
                                + " bytes (at file '" + EntryNames.shown(shown) + "')");
                    }
                    out.write(buffer, 0, n);
                }
            }
            var format = ArchiveFormat.detect(file, shown);
            if (format.isEmpty()) {
                candidates.put(file, shown);
                return;
            }
            Path target = dir.resolve("x" + received);
            var budget = limits.archive().withBudget(limits.maxUploadBytes() - bytes,
                    limits.maxFiles() - files);
            ExtractionResult r;
            try {
                r = new SafeExtractor(budget).extract(file, format.get(), target);
            } catch (UploadRefusedException e) {
                throw new UploadRefusedException("archive '" + EntryNames.shown(shown) + "': " + e.getMessage(),
                        e.tooLarge(), e);
            }
            Files.delete(file);
            archives++;
            bytes += r.bytes();
            files += r.files();
            try (Stream<Path> s = Files.walk(target)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        candidates.put(p, shown + "!" + target.relativize(p).toString().replace('\\', '/'));
                    }
                }
            }
        }

        UploadResult sort(String route, String by) throws IOException {
            record Found(Path file, DicomHeader header) {
            }
            List<Found> found = new ArrayList<>();
            List<UploadResult.Rejected> rejected = new ArrayList<>();
            int rejectedCount = 0;
            for (var e : candidates.entrySet()) {
                DicomHeader.Result r = DicomHeader.read(e.getKey());
                if (r.header().isPresent()) {
                    found.add(new Found(e.getKey(), r.header().get()));
                } else {
                    rejectedCount++;
                    if (rejected.size() < MAX_REJECTED_LISTED) {
                        rejected.add(new UploadResult.Rejected(e.getValue(), EntryNames.shown(r.reason())));
                    }
                }
            }
            Map<String, Integer> perStudy = new LinkedHashMap<>();
            Map<String, DicomHeader> firstHeader = new LinkedHashMap<>();
            Map<String, TreeSet<String>> modalities = new LinkedHashMap<>();
            String now = clock.instant().toString();
            synchronized (lock) {
                for (Found f : found) {
                    String study = f.header().studyInstanceUid();
                    Path target = area.instanceFile(route, study, f.header().sopInstanceUid());
                    Files.createDirectories(target.getParent());
                    // the same instance sent again replaces the earlier copy
                    Files.move(f.file(), target, StandardCopyOption.REPLACE_EXISTING);
                    perStudy.merge(study, 1, Integer::sum);
                    firstHeader.putIfAbsent(study, f.header());
                    if (!f.header().modality().isEmpty()) {
                        modalities.computeIfAbsent(study, k -> new TreeSet<>()).add(f.header().modality());
                    }
                }
                for (String study : perStudy.keySet()) {
                    DicomHeader h = firstHeader.get(study);
                    StudyRecord rec = area.study(route, study).orElseGet(() -> new StudyRecord(study, h.patientId(),
                            h.patientName(), h.studyDate(), h.studyDescription(), List.of(), 0, 0, now, by,
                            StudyRecord.STORED, null, 0, List.of()));
                    TreeSet<String> mods = new TreeSet<>(rec.modalities());
                    mods.addAll(modalities.getOrDefault(study, new TreeSet<>()));
                    long[] usage = usage(area.filesDir(route, study));
                    area.save(route, rec.withContent(List.copyOf(mods), usage[0], usage[1], now, by));
                }
            }
            List<UploadResult.StudyCount> studies = new ArrayList<>();
            perStudy.forEach((k, v) -> studies.add(new UploadResult.StudyCount(k, v)));
            LOG.info("Upload {} to route {} by {}: {} file(s), {} archive(s), {} instance(s) stored in {} study(ies),"
                    + " {} rejected", id, route, by, received, archives, found.size(), studies.size(), rejectedCount);
            return new UploadResult(id, route, received, archives, found.size(), studies, rejectedCount, rejected);
        }
    }

    /** Files and bytes under a directory. */
    static long[] usage(Path dir) throws IOException {
        long[] out = new long[2];
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                out[0]++;
                try {
                    out[1] += Files.size(p);
                } catch (IOException e) {
                    // gone meanwhile (an import moved it)
                }
            });
        }
        return out;
    }
}
