package org.xnat.router.config;

/**
 * {@code settings:} limits and retention periods of this router instance (uploads, imports, trash).
 *
 * @param uploadMaxBytes {@code upload_max_bytes}: largest upload accepted, in bytes (default 10 GiB)
 * @param uploadMaxEntries {@code upload_max_entries}: most files an uploaded archive may hold (default 100000)
 * @param uploadMaxRatio {@code upload_max_ratio}: largest ratio of unpacked to packed size of an uploaded
 *        archive, against archive bombs (default 100)
 * @param trashRetentionDays {@code trash_retention_days}: days deleted studies are kept before they are
 *        removed for good (default 30; 0 = at once)
 * @param importMaxErrorsListed {@code import_max_errors_listed}: most per-file errors an import job keeps
 *        (default 1000; the count is kept beyond that)
 */
public record RouterSettings(long uploadMaxBytes, int uploadMaxEntries, int uploadMaxRatio, int trashRetentionDays,
        int importMaxErrorsListed) {

    public static final long DEFAULT_UPLOAD_MAX_BYTES = 10L * 1024 * 1024 * 1024;
    public static final int DEFAULT_UPLOAD_MAX_ENTRIES = 100_000;
    public static final int DEFAULT_UPLOAD_MAX_RATIO = 100;
    public static final int DEFAULT_TRASH_RETENTION_DAYS = 30;
    public static final int DEFAULT_IMPORT_MAX_ERRORS_LISTED = 1000;

    /** Upper bound of {@code import_max_errors_listed}: the list is kept in memory and in answers. */
    public static final int MAX_IMPORT_ERRORS_LISTED = 100_000;
    /** Upper bound of {@code upload_max_ratio}. */
    public static final int MAX_UPLOAD_RATIO = 100_000;
    /** Upper bound of {@code trash_retention_days} (ten years). */
    public static final int MAX_TRASH_RETENTION_DAYS = 3650;

    public static final RouterSettings DEFAULT = new RouterSettings(DEFAULT_UPLOAD_MAX_BYTES,
            DEFAULT_UPLOAD_MAX_ENTRIES, DEFAULT_UPLOAD_MAX_RATIO, DEFAULT_TRASH_RETENTION_DAYS,
            DEFAULT_IMPORT_MAX_ERRORS_LISTED);
}
