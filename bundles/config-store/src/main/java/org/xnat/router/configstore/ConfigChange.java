package org.xnat.router.configstore;

/**
 * One difference between two documents, in the spirit of JSON Patch (RFC 6902).
 *
 * @param op {@code add}, {@code remove} or {@code replace}
 * @param path JSON Pointer into the document, e.g. {@code /routes/0/port}
 * @param oldValue the value before ({@code null} for add)
 * @param newValue the value after ({@code null} for remove)
 */
public record ConfigChange(String op, String path, Object oldValue, Object newValue) {
}
