package org.xnat.router.storage.internal.archive;

/**
 * What one extraction may produce. Sizes are counted from the bytes actually written, never from the sizes an
 * archive declares.
 *
 * @param maxTotalBytes uncompressed bytes written, at most
 * @param maxEntries entries (files and directories), at most
 * @param maxEntryRatio uncompressed/compressed ratio of one ZIP entry, at most (checked once the entry has written
 *        {@code ratioMinBytes})
 * @param maxTotalRatio uncompressed bytes written / archive file size, at most (checked once the archive has written
 *        {@code ratioMinBytes})
 * @param ratioMinBytes below this many bytes written no ratio is checked: small, very compressible files are normal
 * @param maxPathLength characters of an entry name, at most
 * @param maxPathDepth directory levels of an entry name, at most
 */
public record ArchiveLimits(long maxTotalBytes, int maxEntries, double maxEntryRatio, double maxTotalRatio,
        long ratioMinBytes, int maxPathLength, int maxPathDepth) {

    public ArchiveLimits {
        if (maxTotalBytes < 0 || maxEntries < 0 || maxEntryRatio <= 0 || maxTotalRatio <= 0 || ratioMinBytes < 0
                || maxPathLength <= 0 || maxPathDepth <= 0) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }

    public static final long DEFAULT_MAX_TOTAL_BYTES = 20L << 30;
    public static final int DEFAULT_MAX_ENTRIES = 50_000;
    public static final double DEFAULT_MAX_RATIO = 100;
    public static final long DEFAULT_RATIO_MIN_BYTES = 1L << 20;
    public static final int DEFAULT_MAX_PATH_LENGTH = 1024;
    public static final int DEFAULT_MAX_PATH_DEPTH = 32;

    public static ArchiveLimits defaults() {
        return new ArchiveLimits(DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_RATIO, DEFAULT_MAX_RATIO,
                DEFAULT_RATIO_MIN_BYTES, DEFAULT_MAX_PATH_LENGTH, DEFAULT_MAX_PATH_DEPTH);
    }

    /** The same limits with a smaller budget (what is left of an upload's total). */
    public ArchiveLimits withBudget(long bytes, int entries) {
        return new ArchiveLimits(Math.max(0, Math.min(maxTotalBytes, bytes)), Math.max(0, Math.min(maxEntries, entries)),
                maxEntryRatio, maxTotalRatio, ratioMinBytes, maxPathLength, maxPathDepth);
    }
}
