package org.xnat.router.importer.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the files of an import: regular files under the root (its sub-directories too when recursive), in a
 * stable order. Never follows a symbolic link to a directory (no loops, no escape); a link to a file counts only
 * when its target lies inside the root. Hidden files and directories (name starting with '.') and the excluded
 * directories (the router's own data directory with its spool) are left out.
 */
final class FileScanner {

    private static final Logger LOG = LoggerFactory.getLogger(FileScanner.class);
    /** Deeper trees are cut here: protects against pathological nesting. */
    static final int MAX_DEPTH = 64;

    /** A file to handle. */
    record Found(Path path, long size) {
    }

    /** Called for every file found (progress). */
    interface Listener {
        void found(Found file);
    }

    /** Thrown when the tree holds more files than one job may take. */
    static final class TooManyFilesException extends IOException {
        private static final long serialVersionUID = 1L;

        TooManyFilesException(long max) {
            super("more than " + max + " files; import sub-directories separately");
        }
    }

    private final List<Path> excluded;
    private final long maxFiles;

    /** @param excluded real paths never entered (the data directory) */
    FileScanner(List<Path> excluded, long maxFiles) {
        this.excluded = List.copyOf(excluded);
        this.maxFiles = maxFiles;
    }

    List<Found> scan(Path root, boolean recursive, BooleanSupplier cancelled, Listener listener) throws IOException {
        Path realRoot = root.toRealPath();
        List<Found> out = new ArrayList<>();
        Files.walkFileTree(realRoot, EnumSet.noneOf(java.nio.file.FileVisitOption.class), recursive ? MAX_DEPTH : 1,
                new FileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (cancelled.getAsBoolean()) {
                            return FileVisitResult.TERMINATE;
                        }
                        if (!dir.equals(realRoot) && (hidden(dir) || isExcluded(dir))) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (cancelled.getAsBoolean()) {
                            return FileVisitResult.TERMINATE;
                        }
                        if (hidden(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        long size = attrs.size();
                        if (attrs.isSymbolicLink()) {
                            Path target;
                            try {
                                target = file.toRealPath();
                            } catch (IOException e) {
                                return FileVisitResult.CONTINUE; // dangling link
                            }
                            if (!target.startsWith(realRoot) || !Files.isRegularFile(target) || isExcluded(target)) {
                                LOG.debug("Import: not following {} (leads out of {} or not to a file)", file, realRoot);
                                return FileVisitResult.CONTINUE;
                            }
                            size = Files.size(target);
                        } else if (!attrs.isRegularFile()) {
                            return FileVisitResult.CONTINUE; // directories beyond the depth, devices, sockets, fifos
                        }
                        if (out.size() >= maxFiles) {
                            throw new TooManyFilesException(maxFiles);
                        }
                        Found f = new Found(file, size);
                        out.add(f);
                        listener.found(f);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        LOG.debug("Import: cannot visit {}: {}", file, e.toString());
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return out;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /**
     * Whether {@code p} lies in the storage area of the excluded data directory {@code data}: uploads wait there
     * to be imported (by the storage bundle, with move), so it is the one part of the data directory allowed.
     */
    static boolean storageArea(Path p, Path data) {
        return p.startsWith(data.resolve("storage")) && !p.startsWith(data.resolve("storage").resolve(".trash"));
    }

    private boolean isExcluded(Path p) {
        for (Path e : excluded) {
            if (p.startsWith(e) && !storageArea(p, e)) {
                return true;
            }
        }
        return false;
    }

    /** The real path of {@code p} when it exists, else its absolute normalized form. */
    static Path real(Path p) {
        try {
            return p.toRealPath(LinkOption.NOFOLLOW_LINKS).toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
