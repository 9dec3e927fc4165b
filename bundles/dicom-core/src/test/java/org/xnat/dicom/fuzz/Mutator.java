package org.xnat.dicom.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.xnat.dicom.data.VR;

/**
 * Seeded structure-aware mutations of DICOM encodings. Besides blind bit flips and byte sets it finds the
 * places where lengths live (explicit VR headers, item and delimiter tags, in both byte orders) and sets them to
 * values that stress bounds checks. Everything depends only on the {@link Random} given, so a run is
 * reproducible from its seed.
 */
final class Mutator {

    /** Lengths that sit on boundaries: zero, odd, 16/32-bit limits, undefined length, sign bits. */
    private static final long[] INTERESTING = {0, 1, 2, 3, 4, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFE,
        0xFFFF, 0x10000, 0x7FFFFFF7L, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFF0L, 0xFFFFFFFEL, 0xFFFFFFFFL};

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    /** One to four stacked mutations of {@code seed}; {@code other} is a second input for splicing. */
    byte[] mutate(byte[] seed, byte[] other) {
        byte[] b = seed;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            b = mutateOnce(b, other);
        }
        return b;
    }

    private byte[] mutateOnce(byte[] src, byte[] other) {
        if (src.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        return switch (random.nextInt(10)) {
            case 0 -> bitFlip(src);
            case 1 -> byteSet(src);
            case 2, 3, 4 -> lengthField(src);
            case 5 -> truncate(src);
            case 6 -> duplicateChunk(src);
            case 7 -> removeChunk(src);
            case 8 -> splice(src, other);
            default -> tagField(src);
        };
    }

    private byte[] bitFlip(byte[] src) {
        byte[] b = src.clone();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            int at = random.nextInt(b.length);
            b[at] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private byte[] byteSet(byte[] src) {
        byte[] b = src.clone();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            int at = random.nextInt(b.length);
            b[at] = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> (byte) 0xFF;
                case 2 -> (byte) 0x80;
                default -> (byte) random.nextInt(256);
            };
        }
        return b;
    }

    /** Sets a length field found by {@link #lengthFields} to a boundary value or a near-miss of its own value. */
    private byte[] lengthField(byte[] src) {
        List<int[]> fields = lengthFields(src);
        if (fields.isEmpty()) {
            return byteSet(src);
        }
        int[] f = fields.get(random.nextInt(fields.size()));
        int at = f[0];
        int size = f[1];
        boolean be = f[2] == 1;
        long old = read(src, at, size, be);
        long v = switch (random.nextInt(4)) {
            case 0 -> INTERESTING[random.nextInt(INTERESTING.length)];
            case 1 -> old + random.nextInt(17) - 8;
            case 2 -> old * 2 + random.nextInt(3);
            default -> src.length - at + random.nextInt(9) - 4; // about what is left
        };
        byte[] b = src.clone();
        write(b, at, size, be, v);
        return b;
    }

    /** Rewrites a tag to an item, delimiter, pixel data or sequence tag: structure confusion. */
    private byte[] tagField(byte[] src) {
        List<int[]> fields = lengthFields(src);
        if (fields.isEmpty() || src.length < 8) {
            return bitFlip(src);
        }
        int[] f = fields.get(random.nextInt(fields.size()));
        int tagAt = f[3];
        if (tagAt < 0 || tagAt + 4 > src.length) {
            return bitFlip(src);
        }
        int[][] tags = {{0xFFFE, 0xE000}, {0xFFFE, 0xE00D}, {0xFFFE, 0xE0DD}, {0x7FE0, 0x0010}, {0x0008, 0x1115},
            {0x0002, 0x0010}, {0x0008, 0x0005}, {0x0028, 0x0103}, {0x0009, 0x0010}, {0x0009, 0x1010}};
        int[] t = tags[random.nextInt(tags.length)];
        byte[] b = src.clone();
        write(b, tagAt, 2, f[2] == 1, t[0]);
        write(b, tagAt + 2, 2, f[2] == 1, t[1]);
        return b;
    }

    private byte[] truncate(byte[] src) {
        return Arrays.copyOf(src, random.nextInt(src.length));
    }

    private byte[] duplicateChunk(byte[] src) {
        int from = random.nextInt(src.length);
        int len = 1 + random.nextInt(Math.min(src.length - from, 512));
        int to = random.nextInt(src.length + 1);
        byte[] b = new byte[src.length + len];
        System.arraycopy(src, 0, b, 0, to);
        System.arraycopy(src, from, b, to, len);
        System.arraycopy(src, to, b, to + len, src.length - to);
        return b;
    }

    private byte[] removeChunk(byte[] src) {
        int from = random.nextInt(src.length);
        int len = 1 + random.nextInt(Math.min(src.length - from, 512));
        byte[] b = new byte[src.length - len];
        System.arraycopy(src, 0, b, 0, from);
        System.arraycopy(src, from + len, b, from, src.length - from - len);
        return b;
    }

    /** The head of one input followed by the tail of another (often from a different transfer syntax). */
    private byte[] splice(byte[] src, byte[] other) {
        if (other == null || other.length == 0) {
            return duplicateChunk(src);
        }
        int cut = random.nextInt(src.length + 1);
        int from = random.nextInt(other.length);
        byte[] b = Arrays.copyOf(src, cut + other.length - from);
        System.arraycopy(other, from, b, cut, other.length - from);
        return b;
    }

    /**
     * Positions of likely length fields as {offset, size, bigEndian, tagOffset}: after a two-letter VR code
     * (16-bit length, or 32-bit after two reserved bytes for the long-header VRs), and after item and delimiter
     * tags (32-bit) in either byte order.
     */
    static List<int[]> lengthFields(byte[] b) {
        List<int[]> out = new ArrayList<>();
        for (int i = 4; i + 2 <= b.length; i++) {
            VR vr = VR.fromCode((b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF));
            if (vr == null || b[i] < 'A' || b[i] > 'Z') {
                continue;
            }
            for (int be = 0; be <= 1; be++) {
                if (vr.hasLongHeader()) {
                    if (i + 8 <= b.length) {
                        out.add(new int[] {i + 4, 4, be, i - 4});
                    }
                } else if (i + 4 <= b.length) {
                    out.add(new int[] {i + 2, 2, be, i - 4});
                }
            }
        }
        for (int i = 0; i + 8 <= b.length; i++) {
            int le = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
            int be = (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
            if (le == 0xFFFE && (b[i + 3] & 0xFF) == 0xE0) {
                out.add(new int[] {i + 4, 4, 0, i});
            } else if (be == 0xFFFE && (b[i + 2] & 0xFF) == 0xE0) {
                out.add(new int[] {i + 4, 4, 1, i});
            }
        }
        return out;
    }

    private static long read(byte[] b, int at, int size, boolean be) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            int shift = be ? 8 * (size - 1 - k) : 8 * k;
            v |= (b[at + k] & 0xFFL) << shift;
        }
        return v;
    }

    private static void write(byte[] b, int at, int size, boolean be, long v) {
        for (int k = 0; k < size; k++) {
            int shift = be ? 8 * (size - 1 - k) : 8 * k;
            b[at + k] = (byte) (v >>> shift);
        }
    }
}
