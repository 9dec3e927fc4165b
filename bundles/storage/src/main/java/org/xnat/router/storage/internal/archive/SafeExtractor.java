package org.xnat.router.storage.internal.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Extracts ZIP, TAR and TAR.GZ archives into a new directory, refusing anything unsafe: names that would leave
 * the directory, links, devices and FIFOs, and archives that expand beyond {@link ArchiveLimits} (zip bombs).
 *
 * <p>Everything is written into a staging directory beside the target and moved to the target only once the
 * whole archive was accepted; on refusal or error the staging directory is deleted, so a refused archive leaves
 * nothing behind. No link is ever created, so no written path can be redirected outside the staging directory.
 */
public final class SafeExtractor {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_LONG_NAME = 64 * 1024;
    private static final int UNIX_TYPE_MASK = 0170000;
    private static final int UNIX_FILE = 0100000;
    private static final int UNIX_DIR = 0040000;
    private static final int UNIX_SYMLINK = 0120000;

    private final ArchiveLimits limits;

    public SafeExtractor(ArchiveLimits limits) {
        this.limits = limits;
    }

    /**
     * @param archive the archive file
     * @param format its format ({@link ArchiveFormat#detect})
     * @param target the directory to create; must not exist, its parent must
     * @throws UploadRefusedException the archive is unsafe, malformed or too big; nothing was left on disk
     * @throws IOException the disk failed; nothing was left on disk
     */
    public ExtractionResult extract(Path archive, ArchiveFormat format, Path target)
            throws UploadRefusedException, IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path staging = target.resolveSibling("." + target.getFileName() + "-" + UUID.randomUUID() + ".part");
        Files.createDirectory(staging);
        boolean done = false;
        try {
            Run run = new Run(staging, Files.size(archive));
            switch (format) {
                case ZIP -> extractZip(archive, run);
                case TAR -> extractTar(archive, false, run);
                case TAR_GZ -> extractTar(archive, true, run);
                default -> throw new IllegalStateException(format.name());
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return new ExtractionResult(run.files, run.directories, run.total);
        } finally {
            if (!done) {
                FileTrees.deleteQuietly(staging);
            }
        }
    }

    // ------------------------------------------------------------------ ZIP

    private void extractZip(Path archive, Run run) throws UploadRefusedException, IOException {
        // ZipFile (central directory), not the streaming reader: only the central directory has the Unix mode
        // that marks symbolic links.
        ZipFile zip;
        try {
            // the File constructor, not ZipFile.builder(): the builder's API is commons-io's, and the commons-io
            // bundle at runtime may be older than the one commons-compress was compiled against
            zip = openZip(archive);
        } catch (IOException e) {
            throw UploadRefusedException.unsafe("not a readable ZIP archive: " + e.getMessage());
        }
        try (zip) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry e = entries.nextElement();
                String name = e.getName();
                run.countEntry(name);
                int type = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() & UNIX_TYPE_MASK : 0;
                if (e.isUnixSymlink() || type == UNIX_SYMLINK) {
                    throw refused(name, "is a symbolic link (links are refused)");
                }
                if (type != 0 && type != UNIX_FILE && type != UNIX_DIR) {
                    throw refused(name, "is a device, FIFO or socket (only files and directories are accepted)");
                }
                List<String> path = EntryNames.sanitize(name, "entry", limits);
                if (e.isDirectory() || type == UNIX_DIR) {
                    run.directory(path);
                    continue;
                }
                if (path.isEmpty()) {
                    throw refused(name, "is a file without a name");
                }
                if (!zip.canReadEntryData(e)) {
                    throw refused(name, "uses encryption or a compression method that is not supported");
                }
                try (InputStream in = zip.getInputStream(e)) {
                    run.file(name, path, in, in instanceof InputStreamStatistics s ? s : null);
                } catch (UploadRefusedException | FileAlreadyExistsException ex) {
                    throw ex;
                } catch (IOException ex) {
                    throw new UploadRefusedException("entry '" + EntryNames.shown(name) + "' cannot be read: "
                            + ex.getMessage(), false, ex);
                }
            }
        }
    }

    // ------------------------------------------------------------------ TAR, TAR.GZ

    private void extractTar(Path archive, boolean gzip, Run run) throws UploadRefusedException, IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), BUFFER)) {
            InputStream raw = file;
            if (gzip) {
                raw = new BufferedInputStream(gunzip(file), BUFFER);
                if (!looksLikeTar(raw)) {
                    throw UploadRefusedException.unsafe("a gzip file that does not hold a TAR archive"
                            + " (only .tar.gz/.tgz archives are accepted; send single files uncompressed)");
                }
            }
            try (TarArchiveInputStream tar = new BoundedTarInputStream(raw)) {
                TarArchiveEntry e;
                while ((e = nextTarEntry(tar)) != null) {
                    String name = e.getName();
                    run.countEntry(name);
                    if (e.isSymbolicLink()) {
                        throw refused(name, "is a symbolic link (links are refused)");
                    }
                    if (e.isLink()) {
                        throw refused(name, "is a hard link (links are refused)");
                    }
                    if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                        throw refused(name, "is a device or FIFO (only files and directories are accepted)");
                    }
                    List<String> path = EntryNames.sanitize(name, "entry", limits);
                    if (e.isDirectory()) {
                        run.directory(path);
                        continue;
                    }
                    byte flag = e.getLinkFlag();
                    boolean regular = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
                            || flag == TarConstants.LF_CONTIG || e.isSparse();
                    if (!regular) {
                        throw refused(name, "has an unsupported TAR entry type '" + (char) flag + "'");
                    }
                    if (path.isEmpty()) {
                        throw refused(name, "is a file without a name");
                    }
                    run.file(name, path, tar, null);
                }
            }
        } catch (UploadRefusedException | FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // commons-compress reports corrupt input as IOException or, for some headers, IllegalArgumentException
            throw new UploadRefusedException("not a readable TAR" + (gzip ? ".GZ" : "") + " archive: " + e.getMessage(),
                    false, e);
        }
    }

    @SuppressWarnings("deprecation")
    private static ZipFile openZip(Path archive) throws IOException {
        return new ZipFile(archive.toFile());
    }

    @SuppressWarnings("deprecation")
    private static InputStream gunzip(InputStream in) throws IOException {
        return new GzipCompressorInputStream(in, true);
    }

    private static TarArchiveEntry nextTarEntry(TarArchiveInputStream tar) throws IOException {
        return tar.getNextEntry();
    }

    /**
     * Refuses GNU long-name entries bigger than {@link #MAX_LONG_NAME}: commons-compress reads them into memory
     * whole, and their size comes from the archive.
     */
    private static final class BoundedTarInputStream extends TarArchiveInputStream {
        BoundedTarInputStream(InputStream in) {
            super(in);
        }

        @Override
        protected byte[] getLongNameData() throws IOException {
            TarArchiveEntry e = getCurrentEntry();
            if (e != null && e.getSize() > MAX_LONG_NAME) {
                throw new IOException("a GNU long name of " + e.getSize() + " bytes (at most " + MAX_LONG_NAME + ")");
            }
            return super.getLongNameData();
        }
    }

    private static boolean looksLikeTar(InputStream in) throws IOException {
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        return head.length == 512 && TarArchiveInputStream.matches(head, head.length);
    }

    private static UploadRefusedException refused(String name, String why) {
        return UploadRefusedException.unsafe("entry '" + EntryNames.shown(name) + "' " + why);
    }

    /** The state of one extraction: counts, budget, the staging directory. */
    private final class Run {
        final Path root;
        final long archiveSize;
        int entries;
        int files;
        int directories;
        long total;
        final byte[] buffer = new byte[BUFFER];

        Run(Path root, long archiveSize) {
            this.root = root;
            this.archiveSize = Math.max(1, archiveSize);
        }

        void countEntry(String name) throws UploadRefusedException {
            if (++entries > limits.maxEntries()) {
                throw UploadRefusedException.tooLarge("the archive has more than " + limits.maxEntries()
                        + " entries (refused at entry '" + EntryNames.shown(name) + "')");
            }
        }

        Path resolve(List<String> segments) throws UploadRefusedException {
            Path p = root;
            for (String s : segments) {
                p = p.resolve(s);
            }
            // EntryNames already refused every escape; this guards against a file system's own interpretation
            if (!p.normalize().startsWith(root)) {
                throw UploadRefusedException.unsafe("entry '" + String.join("/", segments) + "' escapes the target");
            }
            return p;
        }

        void directory(List<String> segments) throws UploadRefusedException, IOException {
            if (segments.isEmpty()) {
                return;
            }
            Path dir = resolve(segments);
            try {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dir);
                    directories++;
                }
            } catch (FileAlreadyExistsException e) {
                throw UploadRefusedException.unsafe("entry '" + String.join("/", segments)
                        + "/' is a directory where the archive already has a file");
            }
        }

        void file(String name, List<String> segments, InputStream in, InputStreamStatistics stats)
                throws UploadRefusedException, IOException {
            Path file = resolve(segments);
            try {
                Files.createDirectories(file.getParent());
            } catch (FileAlreadyExistsException e) {
                throw refused(name, "needs a directory where the archive already has a file");
            }
            long written = 0;
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (total + n > limits.maxTotalBytes()) {
                        throw UploadRefusedException.tooLarge("the upload expands to more than " + limits.maxTotalBytes()
                                + " bytes (refused at entry '" + EntryNames.shown(name) + "')");
                    }
                    out.write(buffer, 0, n);
                    written += n;
                    total += n;
                    checkRatios(name, written, stats);
                }
            } catch (FileAlreadyExistsException e) {
                throw refused(name, "appears twice in the archive");
            }
            files++;
        }

        private void checkRatios(String name, long written, InputStreamStatistics stats) throws UploadRefusedException {
            if (stats != null && written >= limits.ratioMinBytes()) {
                double ratio = (double) written / Math.max(1, stats.getCompressedCount());
                if (ratio > limits.maxEntryRatio()) {
                    throw UploadRefusedException.unsafe("entry '" + EntryNames.shown(name) + "' expands more than "
                            + fmt(limits.maxEntryRatio()) + " times its compressed size (zip bomb?)");
                }
            }
            if (total >= limits.ratioMinBytes() && (double) total / archiveSize > limits.maxTotalRatio()) {
                throw UploadRefusedException.unsafe("the archive expands more than " + fmt(limits.maxTotalRatio())
                        + " times its size (zip bomb?); refused at entry '" + EntryNames.shown(name) + "'");
            }
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
