package org.xnat.router.storage.internal.area;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.storage.internal.archive.FileTrees;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The storage area on disk:
 *
 * <pre>
 * ROOT/                              DATA/storage
 *   .incoming/UPLOAD/                one upload while it is received and sorted (removed afterwards)
 *   .trash/ROUTE/STUDY@MILLIS/       deleted studies until the retention ends
 *   ROUTE/STUDY/study.json           {@link StudyRecord}
 *   ROUTE/STUDY/files/SOP.dcm        the instances; the import reads (and moves) this directory
 * </pre>
 *
 * Names on disk come from input (AE titles, UIDs) and are therefore encoded: only {@code [A-Za-z0-9_-]} and,
 * for UIDs, dots pass; anything else is percent-encoded (route) or replaced by a hash (UIDs).
 */
public final class StorageArea {

    private static final Logger LOG = LoggerFactory.getLogger(StorageArea.class);
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final String STUDY_JSON = "study.json";
    public static final String INCOMING = ".incoming";
    public static final String TRASH = ".trash";

    private final Path root;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    public StorageArea(Path root, Clock clock) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        Files.createDirectories(this.root.resolve(INCOMING));
        Files.createDirectories(this.root.resolve(TRASH));
    }

    public Path root() {
        return root;
    }

    /** A fresh directory for one upload. */
    public Path newIncoming(String uploadId) throws IOException {
        return Files.createDirectory(root.resolve(INCOMING).resolve(uploadId));
    }

    /** Leftovers of uploads cut off by a stop. */
    public void clearIncoming() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve(INCOMING))) {
            for (Path p : ds) {
                FileTrees.deleteQuietly(p);
            }
        } catch (IOException e) {
            LOG.warn("Cannot clean {}: {}", root.resolve(INCOMING), e.toString());
        }
    }

    public Path routeDir(String aeTitle) {
        return root.resolve(encodeRoute(aeTitle));
    }

    public Path studyDir(String aeTitle, String studyUid) {
        return routeDir(aeTitle).resolve(safeUid(studyUid));
    }

    public Path filesDir(String aeTitle, String studyUid) {
        return studyDir(aeTitle, studyUid).resolve("files");
    }

    /** Where an instance of a study is kept. */
    public Path instanceFile(String aeTitle, String studyUid, String sopUid) {
        return filesDir(aeTitle, studyUid).resolve(safeUid(sopUid) + ".dcm");
    }

    public Optional<StudyRecord> study(String aeTitle, String studyUid) throws IOException {
        return read(studyDir(aeTitle, studyUid).resolve(STUDY_JSON));
    }

    /** Every study of a route, in no particular order. */
    public List<StudyRecord> studies(String aeTitle) throws IOException {
        List<StudyRecord> out = new ArrayList<>();
        Path dir = routeDir(aeTitle);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path study : ds) {
                read(study.resolve(STUDY_JSON)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Writes study.json atomically (temporary file, then rename). */
    public void save(String aeTitle, StudyRecord record) throws IOException {
        Path dir = studyDir(aeTitle, record.studyInstanceUid());
        Files.createDirectories(dir);
        Path tmp = dir.resolve(STUDY_JSON + ".tmp");
        Files.write(tmp, json.writeValueAsBytes(record));
        Files.move(tmp, dir.resolve(STUDY_JSON), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Regular files still in a study's {@code files/} directory (after a move-import: what was not imported). */
    public long remainingFiles(String aeTitle, String studyUid) throws IOException {
        Path files = filesDir(aeTitle, studyUid);
        if (!Files.isDirectory(files)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(files)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).count();
        }
    }

    /** Removes a study for good (once it was imported). */
    public void remove(String aeTitle, String studyUid) throws IOException {
        FileTrees.delete(studyDir(aeTitle, studyUid));
    }

    /** Moves a study to the trash; it is purged once the retention has passed. */
    public Path trash(String aeTitle, String studyUid) throws IOException {
        Path routeTrash = Files.createDirectories(root.resolve(TRASH).resolve(encodeRoute(aeTitle)));
        Path target = routeTrash.resolve(safeUid(studyUid) + "@" + clock.millis());
        Files.move(studyDir(aeTitle, studyUid), target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /**
     * Deletes trashed studies older than {@code retention} ({@link Duration#ZERO}: all).
     *
     * @return studies purged
     */
    public int purgeTrash(Duration retention) throws IOException {
        Instant limit = clock.instant().minus(retention);
        int purged = 0;
        try (DirectoryStream<Path> routes = Files.newDirectoryStream(root.resolve(TRASH))) {
            for (Path route : routes) {
                try (DirectoryStream<Path> studies = Files.newDirectoryStream(route)) {
                    for (Path s : studies) {
                        String name = s.getFileName().toString();
                        int at = name.lastIndexOf('@');
                        long millis;
                        try {
                            millis = Long.parseLong(name.substring(at + 1));
                        } catch (NumberFormatException | IndexOutOfBoundsException e) {
                            millis = Files.getLastModifiedTime(s, LinkOption.NOFOLLOW_LINKS).toMillis();
                        }
                        if (!Instant.ofEpochMilli(millis).isAfter(limit)) {
                            FileTrees.delete(s);
                            purged++;
                        }
                    }
                }
            }
        }
        return purged;
    }

    /** Size on disk of the trash, and its study count. */
    public long[] trashUsage() throws IOException {
        long count = 0;
        try (DirectoryStream<Path> routes = Files.newDirectoryStream(root.resolve(TRASH))) {
            for (Path route : routes) {
                try (Stream<Path> s = Files.list(route)) {
                    count += s.count();
                }
            }
        }
        return new long[] {count, size(root.resolve(TRASH))};
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private Optional<StudyRecord> read(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), StudyRecord.class));
        } catch (IOException e) {
            LOG.warn("Unreadable {} ignored: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** An upload id: random, safe as a directory name. */
    public static String newUploadId() {
        return UUID.randomUUID().toString();
    }

    /** An AE title as a directory name: percent-encoding of everything but letters, digits, '_' and '-'. */
    public static String encodeRoute(String aeTitle) {
        StringBuilder sb = new StringBuilder();
        for (byte b : aeTitle.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    /** A UID as a file name: itself when it is a valid UID, else a hash (so no input can form a path). */
    public static String safeUid(String uid) {
        if (uid != null && uid.length() <= 64 && UID.matcher(uid).matches()) {
            return uid;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(String.valueOf(uid).getBytes(StandardCharsets.UTF_8));
            return "x-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
