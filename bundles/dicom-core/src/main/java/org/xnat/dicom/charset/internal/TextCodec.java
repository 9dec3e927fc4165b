package org.xnat.dicom.charset.internal;

/** Decodes and encodes text values for one Specific Character Set. Immutable, thread-safe. */
public interface TextCodec {

    /** Decodes {@code length} bytes at {@code offset}; never throws on bad bytes (U+FFFD instead). */
    String decode(byte[] value, int offset, int length, boolean personName);

    /** Encodes a value; characters that cannot be encoded become '?' (see implementations). */
    byte[] encode(String value, boolean personName);

    /** True when {@link #encode} represents every character of {@code value} conformantly. */
    boolean canEncode(String value, boolean personName);
}
