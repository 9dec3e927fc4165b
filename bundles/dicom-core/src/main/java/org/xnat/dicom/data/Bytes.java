package org.xnat.dicom.data;

/** Little-endian number access in byte arrays (values are held little-endian in {@link Attributes}). */
final class Bytes {

    private Bytes() {
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static int i32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static long i64(byte[] b, int off) {
        return (i32(b, off) & 0xFFFFFFFFL) | (long) i32(b, off + 4) << 32;
    }

    static void put(byte[] b, int off, int size, long v) {
        for (int i = 0; i < size; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
