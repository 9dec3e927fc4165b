package org.xnat.router.storage.internal.area;

import org.xnat.router.storage.internal.archive.ArchiveLimits;
import org.xnat.router.storage.internal.multipart.MultipartParser;

/**
 * Caps of one upload.
 *
 * @param maxUploadBytes bytes written for one upload, at most: what was sent plus what archives expand to
 * @param maxFiles files in one upload, at most (parts plus archive entries)
 * @param archive the caps of each archive (its total and entry count are further cut to what is left)
 * @param maxPartHeaderBytes header block of one multipart part, at most
 */
public record UploadLimits(long maxUploadBytes, int maxFiles, ArchiveLimits archive, int maxPartHeaderBytes) {

    public static UploadLimits defaults() {
        return new UploadLimits(ArchiveLimits.DEFAULT_MAX_TOTAL_BYTES, ArchiveLimits.DEFAULT_MAX_ENTRIES,
                ArchiveLimits.defaults(), 16 * 1024);
    }

    MultipartParser.Limits multipart() {
        return new MultipartParser.Limits(maxPartHeaderBytes, maxFiles, maxUploadBytes);
    }
}
