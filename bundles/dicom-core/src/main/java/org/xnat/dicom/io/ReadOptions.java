package org.xnat.dicom.io;

import org.xnat.dicom.dict.TransferSyntax;

/**
 * How {@link DicomReader} reads. Immutable; start from {@link #defaults()}.
 *
 * <pre>{@code ReadOptions.defaults().stopBeforePixelData(true)                 // fast header parse
 * ReadOptions.defaults().transferSyntax(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN) // raw dataset, e.g. P-DATA
 * ReadOptions.defaults().bulkDataThreshold(1 << 20)                          // big values stay in the file}</pre>
 *
 * @param stopBeforePixelData stop {@link DicomReader#readDataset()} at top-level (7FE0,0010)
 * @param transferSyntax read a bare dataset in this transfer syntax (no preamble, no meta); {@code null}: detect
 * @param bulkDataThreshold when reading a file ({@link DicomReader#open(java.nio.file.Path, ReadOptions)}),
 *        values longer than this many bytes become {@link org.xnat.dicom.data.BulkDataReference}s; -1: never
 * @param maxDepth maximum nesting of sequences (protects the stack against hostile input)
 */
public record ReadOptions(boolean stopBeforePixelData, TransferSyntax transferSyntax, long bulkDataThreshold,
        int maxDepth) {

    public static ReadOptions defaults() {
        return new ReadOptions(false, null, -1, 64);
    }

    public ReadOptions stopBeforePixelData(boolean stop) {
        return new ReadOptions(stop, transferSyntax, bulkDataThreshold, maxDepth);
    }

    public ReadOptions transferSyntax(TransferSyntax ts) {
        return new ReadOptions(stopBeforePixelData, ts, bulkDataThreshold, maxDepth);
    }

    public ReadOptions bulkDataThreshold(long threshold) {
        return new ReadOptions(stopBeforePixelData, transferSyntax, threshold, maxDepth);
    }

    public ReadOptions maxDepth(int depth) {
        return new ReadOptions(stopBeforePixelData, transferSyntax, bulkDataThreshold, depth);
    }
}
