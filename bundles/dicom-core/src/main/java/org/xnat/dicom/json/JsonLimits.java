package org.xnat.dicom.json;

/**
 * Caps applied while reading JSON, so hostile input cannot exhaust memory or the stack.
 *
 * @param maxDepth          maximum nesting of JSON arrays and objects (each sequence level uses four)
 * @param maxStringLength   maximum characters in one JSON string (InlineBinary included)
 * @param maxNumberLength   maximum characters in one JSON number
 * @param maxDocumentLength maximum characters in the whole document
 */
public record JsonLimits(int maxDepth, int maxStringLength, int maxNumberLength, long maxDocumentLength) {

    /** 256 levels, 64 Mi chars per string, 400 chars per number, 1 Gi chars per document. */
    public static JsonLimits defaults() {
        return new JsonLimits(256, 64 << 20, 400, 1L << 30);
    }

    public JsonLimits {
        if (maxDepth < 1 || maxStringLength < 1 || maxNumberLength < 1 || maxDocumentLength < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public JsonLimits withMaxDepth(int depth) {
        return new JsonLimits(depth, maxStringLength, maxNumberLength, maxDocumentLength);
    }

    public JsonLimits withMaxStringLength(int length) {
        return new JsonLimits(maxDepth, length, maxNumberLength, maxDocumentLength);
    }

    public JsonLimits withMaxDocumentLength(long length) {
        return new JsonLimits(maxDepth, maxStringLength, maxNumberLength, length);
    }
}
