package org.xnat.router.storage.internal.archive;

/**
 * What an extraction wrote.
 *
 * @param files regular files written
 * @param directories directories created
 * @param bytes bytes written
 */
public record ExtractionResult(int files, int directories, long bytes) {
}
