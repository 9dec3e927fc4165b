package org.xnat.router.storage.internal.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The archive formats an upload may carry, told apart by their first bytes (the name only breaks a tie). */
public enum ArchiveFormat {
    ZIP, TAR, TAR_GZ;

    private static final int PEEK = 512;

    /**
     * @param file the uploaded file
     * @param name its name as uploaded (only used for old TARs without the ustar magic)
     * @return the format, or empty when the file is not an archive (a DICOM file, anything else)
     */
    public static Optional<ArchiveFormat> detect(Path file, String name) throws IOException {
        byte[] head = new byte[PEEK];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, PEEK);
        }
        if (isDicom(head, n)) {
            return Optional.empty(); // first: a Part 10 preamble may hold anything, even another format's magic
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8))) {
            return Optional.of(ZIP);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            // a gzip stream: only a TAR inside is accepted; SafeExtractor refuses anything else with a message
            return Optional.of(TAR_GZ);
        }
        if (n >= 262 && TarArchiveInputStream.matches(head, n)) {
            return Optional.of(TAR);
        }
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tar") && n == PEEK) {
            return Optional.of(TAR); // a v7 TAR has no magic; its checksum is verified while reading
        }
        return Optional.empty();
    }

    private static boolean isDicom(byte[] head, int n) {
        return n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }
}
