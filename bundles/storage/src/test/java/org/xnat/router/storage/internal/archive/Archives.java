package org.xnat.router.storage.internal.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds (hostile) test archives. */
final class Archives {

    private Archives() {
    }

    interface ZipBody {
        void write(ZipArchiveOutputStream zip) throws IOException;
    }

    interface TarBody {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    static Path zip(Path file, ZipBody body) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            body.write(zip);
        }
        return file;
    }

    static Path tar(Path file, boolean gzip, TarBody body) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (gzip) {
            out = new GZIPOutputStream(out, 65536);
        }
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            body.write(tar);
        }
        return file;
    }

    static void zipFile(ZipArchiveOutputStream zip, String name, byte[] data) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(data);
        zip.closeArchiveEntry();
    }

    static void zipFile(ZipArchiveOutputStream zip, String name, String text) throws IOException {
        zipFile(zip, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A ZIP entry of {@code bytes} zero bytes (deflated, so tiny in the archive). */
    static void zipZeros(ZipArchiveOutputStream zip, String name, long bytes) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        byte[] zeros = new byte[1 << 16];
        for (long left = bytes; left > 0; left -= zeros.length) {
            zip.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
        zip.closeArchiveEntry();
    }

    static void tarFile(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    static void tarFile(TarArchiveOutputStream tar, String name, String text) throws IOException {
        tarFile(tar, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A TAR entry of a non-file type (link, device, FIFO) with an optional link target. */
    static void tarSpecial(TarArchiveOutputStream tar, String name, byte type, String linkName) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        if (linkName != null) {
            e.setLinkName(linkName);
        }
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    static final byte SYMLINK = TarConstants.LF_SYMLINK;
    static final byte HARDLINK = TarConstants.LF_LINK;
    static final byte FIFO = TarConstants.LF_FIFO;
    static final byte CHARDEV = TarConstants.LF_CHR;
}
