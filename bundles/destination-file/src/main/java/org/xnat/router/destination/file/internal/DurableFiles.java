package org.xnat.router.destination.file.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file system steps that make a write durable and all-or-nothing: data goes to a temporary file that
 * is fsynced, renamed atomically over the final name, and the directory holding the new name is fsynced,
 * so after a crash a final name either holds the complete file or does not exist.
 */
final class DurableFiles {

    private static final int CHUNK = 1 << 16;

    private DurableFiles() {
    }

    /**
     * Copies {@code in} into {@code file} (which exists, empty) and forces it to disk. Checks for interruption
     * between chunks so that a cancelled delivery stops promptly.
     *
     * @return the number of bytes written
     */
    static long copyAndSync(InputStream in, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream out = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[CHUNK];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("delivery cancelled while writing " + file.getFileName());
                }
                out.write(buffer, 0, n);
                total += n;
            }
            out.flush();
            channel.force(true);
            return total;
        }
    }

    /** Renames {@code source} over {@code target} atomically (same file system) and fsyncs the target directory. */
    static void publish(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    /**
     * Creates {@code dir} and its missing parents below {@code root}, fsyncing each parent that gained an
     * entry, so that a published file is not lost with a directory entry that never reached the disk.
     */
    static void createDirectories(Path root, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !p.equals(root) && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e; // a file where a directory should be: say so, do not write around it
                }
                continue; // another delivery created it at the same moment
            }
            syncDirectory(p.getParent());
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        // Linux and macOS let a directory be opened read-only and forced; that flushes its entries.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes temporary files older than {@code age}: the remains of a process that died mid-write. */
    static int sweepStale(Path tmpDir, Duration age) {
        if (!Files.isDirectory(tmpDir)) {
            return 0;
        }
        FileTime limit = FileTime.from(Instant.now().minus(age));
        int deleted = 0;
        try (Stream<Path> files = Files.list(tmpDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).compareTo(limit) < 0
                            && Files.deleteIfExists(f)) {
                        deleted++;
                    }
                } catch (IOException e) {
                    // gone already or not ours to delete; the next sweep tries again
                }
            }
        } catch (IOException e) {
            return deleted;
        }
        return deleted;
    }
}
