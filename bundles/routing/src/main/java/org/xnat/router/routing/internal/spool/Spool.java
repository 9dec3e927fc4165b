package org.xnat.router.routing.internal.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;

/**
 * The durable store of received instances, under one root directory ({@code DATA/spool}). A file is written
 * to {@code tmp/}, renamed to {@code yyyy/MM/dd/<uuid>.dcm}, and then the file and the directory are forced to
 * disk. The forcing may run on another thread ({@link #writeDataset(String, String, String, String, InputStream,
 * Executor)}) while the instance is recorded; the recording commits only once it has finished, so a file
 * without a {@code spool_files} row may be incomplete after a crash (recovery quarantines those), while a file
 * with a row is always complete. Paths handed out are relative to the root, as stored in PostgreSQL.
 */
public final class Spool {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    static final String TMP = "tmp";
    static final String QUARANTINE = "quarantine";
    private static final int COPY_BUFFER = 1 << 16;

    private final Path root;
    private final long minFreeBytes;
    private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

    public Spool(Path root, long minFreeBytes) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.minFreeBytes = minFreeBytes;
        createDurably(this.root.resolve(TMP));
    }

    public Path root() {
        return root;
    }

    public Path resolve(String relativePath) {
        Path p = root.resolve(relativePath).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("spool path leaves the spool: " + relativePath);
        }
        return p;
    }

    /** Usable bytes on the spool's file system. */
    public long usableSpace() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    /** @throws LowDiskSpaceException below the configured minimum */
    public void checkSpace() throws IOException {
        long free = usableSpace();
        if (free < minFreeBytes) {
            throw new LowDiskSpaceException("spool " + root + " has " + free / (1024 * 1024) + " MB free, below the minimum of "
                    + minFreeBytes / (1024 * 1024) + " MB");
        }
    }

    /**
     * Writes a received data set as a Part 10 file: File Meta Information made from the request, then the data
     * set bytes exactly as received.
     */
    public SpooledFile writeDataset(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
            String sourceAeTitle, InputStream dataset) throws IOException {
        Attributes fmi = FileMetaInformation.create(sopClassUid, sopInstanceUid, transferSyntaxUid);
        if (sourceAeTitle != null && !sourceAeTitle.isBlank()) {
            fmi.setString(Tag.SourceApplicationEntityTitle, VR.AE, sourceAeTitle.strip());
        }
        ByteArrayOutputStream meta = new ByteArrayOutputStream(512);
        DicomWriter w = new DicomWriter(meta);
        w.writeFileMetaInformation(fmi);
        w.flush();
        return write(meta.toByteArray(), dataset);
    }

    /** Writes a Part 10 stream byte-exact. */
    public SpooledFile writePart10(InputStream part10) throws IOException {
        return write(new byte[0], part10);
    }

    /**
     * Like {@link #writeDataset(String, String, String, String, InputStream)}, but the file and its directory are
     * forced to disk by {@code forcer}: the caller overlaps that with its own work and must
     * {@link PendingFile#awaitDurable() await} it before it reports the instance as stored.
     */
    public PendingFile writeDataset(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
            String sourceAeTitle, InputStream dataset, Executor forcer) throws IOException {
        Attributes fmi = FileMetaInformation.create(sopClassUid, sopInstanceUid, transferSyntaxUid);
        if (sourceAeTitle != null && !sourceAeTitle.isBlank()) {
            fmi.setString(Tag.SourceApplicationEntityTitle, VR.AE, sourceAeTitle.strip());
        }
        ByteArrayOutputStream meta = new ByteArrayOutputStream(512);
        DicomWriter w = new DicomWriter(meta);
        w.writeFileMetaInformation(fmi);
        w.flush();
        return writeUnforced(meta.toByteArray(), dataset, forcer);
    }

    /** Like {@link #writePart10(InputStream)}, forced by {@code forcer} (see the dataset variant). */
    public PendingFile writePart10(InputStream part10, Executor forcer) throws IOException {
        return writeUnforced(new byte[0], part10, forcer);
    }

    /** A spooled file whose forcing to disk may still run. */
    public static final class PendingFile {
        private static final long FORCE_TIMEOUT_SECONDS = 120;
        private final SpooledFile file;
        private final CompletableFuture<Void> durable;

        PendingFile(SpooledFile file, CompletableFuture<Void> durable) {
            this.file = file;
            this.durable = durable;
        }

        public SpooledFile file() {
            return file;
        }

        /** Returns once the file and its directory entry are on disk. */
        public void awaitDurable() throws IOException {
            try {
                durable.get(FORCE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IOException io ? io
                        : new IOException("cannot force " + file.relativePath() + " to disk: " + cause, cause);
            } catch (TimeoutException e) {
                throw new IOException("forcing " + file.relativePath() + " to disk took more than "
                        + FORCE_TIMEOUT_SECONDS + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while forcing " + file.relativePath() + " to disk", e);
            }
        }
    }

    private PendingFile writeUnforced(byte[] head, InputStream body, Executor forcer) throws IOException {
        checkSpace();
        String name = UUID.randomUUID() + ".dcm";
        Path tmp = root.resolve(TMP).resolve(name + ".part");
        long size = 0;
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(head);
                size += head.length;
                byte[] buf = new byte[COPY_BUFFER];
                int n;
                while ((n = body.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    size += n;
                }
            }
            String relative = datedDirectory() + "/" + name;
            Path target = root.resolve(relative);
            ensureDirectory(target.getParent());
            move(tmp, target);
            done = true;
            CompletableFuture<Void> durable = new CompletableFuture<>();
            Runnable force = () -> {
                try {
                    // fsync flushes the file's pages whichever descriptor asks
                    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                    forceDirectory(target.getParent());
                    durable.complete(null);
                } catch (IOException | RuntimeException e) {
                    durable.completeExceptionally(e);
                }
            };
            try {
                forcer.execute(force);
            } catch (RejectedExecutionException e) {
                force.run();
            }
            return new PendingFile(new SpooledFile(relative, target, size), durable);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private SpooledFile write(byte[] head, InputStream body) throws IOException {
        checkSpace();
        String name = UUID.randomUUID() + ".dcm";
        Path tmp = root.resolve(TMP).resolve(name + ".part");
        long size = 0;
        boolean done = false;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(ch);
            out.write(head);
            size += head.length;
            byte[] buf = new byte[COPY_BUFFER];
            int n;
            while ((n = body.read(buf)) > 0) {
                out.write(buf, 0, n);
                size += n;
            }
            ch.force(true);
            String relative = datedDirectory() + "/" + name;
            Path target = root.resolve(relative);
            ensureDirectory(target.getParent());
            move(tmp, target);
            forceDirectory(target.getParent());
            done = true;
            return new SpooledFile(relative, target, size);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static String datedDirectory() {
        LocalDate d = LocalDate.now(ZoneOffset.UTC);
        return String.format("%04d/%02d/%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the spool's file system cannot rename atomically: " + e.getMessage(), e);
        }
    }

    private void ensureDirectory(Path dir) throws IOException {
        if (knownDirectories.contains(dir)) {
            return;
        }
        createDurably(dir);
        knownDirectories.add(dir);
    }

    /** Creates missing directories and forces each new entry in its parent. */
    private static void createDurably(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made by a concurrent store
            }
            if (p.getParent() != null) {
                forceDirectory(p.getParent());
            }
        }
    }

    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open directories; the rename is then as durable as they make it
            if (!(e instanceof NoSuchFileException)) {
                LOG.debug("cannot force directory {}: {}", dir, e.toString());
            } else {
                throw e;
            }
        }
    }

    /** Deletes a spool file (relative path); a missing file is not an error. */
    public boolean delete(String relativePath) {
        try {
            return Files.deleteIfExists(resolve(relativePath));
        } catch (IOException e) {
            LOG.warn("Could not delete spool file {}: {}", relativePath, e.toString());
            return false;
        }
    }

    /** The directory for temporary files (stores in progress, processed copies being sent). */
    public Path tmpDirectory() {
        return root.resolve(TMP);
    }

    /** Deletes everything in {@code tmp/}: only called at start, before any store or delivery runs. */
    public int clearTmp() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(root.resolve(TMP))) {
            for (Path p : tmp) {
                if (Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Moves spool files into {@code quarantine/} (files of a crash between the fsync and the database insert:
     * their sender got no success, so they must never be delivered as if acknowledged).
     */
    public void quarantine(List<String> relativePaths) throws IOException {
        for (String relative : relativePaths) {
            Path source = resolve(relative);
            Path target = root.resolve(QUARANTINE).resolve(relative).normalize();
            createDurably(target.getParent());
            move(source, target);
        }
    }

    /** Relative paths of every spool file outside {@code tmp/} and {@code quarantine/}. */
    public List<String> list() throws IOException {
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(r -> !r.startsWith(TMP + "/") && !r.startsWith(QUARANTINE + "/")).forEach(all::add);
        }
        return all;
    }

    /** Thrown when the spool's disk is below the minimum free space. */
    public static final class LowDiskSpaceException extends IOException {
        private static final long serialVersionUID = 1L;

        LowDiskSpaceException(String message) {
            super(message);
        }
    }
}
