package org.xnat.dicom.io;

/** In-place byte order reversal of fixed-size units (2, 4 or 8 bytes). */
final class ByteSwap {

    private ByteSwap() {
    }

    static void swap(byte[] b, int off, int len, int unit) {
        for (int i = off; i + unit <= off + len; i += unit) {
            for (int a = i, z = i + unit - 1; a < z; a++, z--) {
                byte t = b[a];
                b[a] = b[z];
                b[z] = t;
            }
        }
    }
}
