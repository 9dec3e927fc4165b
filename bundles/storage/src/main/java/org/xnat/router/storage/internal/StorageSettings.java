package org.xnat.router.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits and housekeeping of uploads and the storage area ({@code etc/org.xnat.router.storage.internal.StorageComponent.cfg}). */
@ObjectClassDefinition(name = "XNAT DICOM Router storage (uploads)",
        description = "Where uploads are kept, what one upload may contain, and how long deleted studies stay in the trash")
public @interface StorageSettings {

    @AttributeDefinition(description = "Storage directory; empty = ${karaf.data}/storage")
    String storageDirectory() default "";

    @AttributeDefinition(description = "Bytes one upload may write, in MB: what is sent plus what its archives expand to"
            + " (settings: upload_max_bytes of the configuration wins)")
    long maxUploadMb() default 20 * 1024;

    @AttributeDefinition(description = "Files one upload may hold (parts and archive entries; settings: upload_max_entries wins)")
    int maxFiles() default 50_000;

    @AttributeDefinition(description = "Largest uncompressed/compressed ratio of an archive entry and of a whole archive"
            + " (settings: upload_max_ratio wins)")
    double maxCompressionRatio() default 100;

    @AttributeDefinition(description = "Ratios are checked once this many bytes were written (small compressible files are normal)")
    long ratioMinBytes() default 1 << 20;

    @AttributeDefinition(description = "Longest accepted path of an archive entry or uploaded file (characters)")
    int maxPathLength() default 1024;

    @AttributeDefinition(description = "Deepest accepted path of an archive entry or uploaded file (directory levels)")
    int maxPathDepth() default 32;

    @AttributeDefinition(description = "Largest header block of one multipart part (bytes)")
    int maxPartHeaderBytes() default 16 * 1024;

    @AttributeDefinition(description = "Days a deleted study stays in DATA/storage/.trash before it is purged"
            + " (settings: trash_retention_days wins)")
    int trashRetentionDays() default 7;

    @AttributeDefinition(description = "Minutes between purges of the trash")
    int purgeIntervalMinutes() default 60;

    @AttributeDefinition(description = "Milliseconds between checks of running imports of stored studies")
    int monitorMillis() default 2000;
}
