package org.xnat.dicom.net.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a stream of PDUs as a peer would send it. Blind mutations (bit flips, byte sets,
 * truncation, chunk duplication/removal, splicing) work on the whole stream; structure-aware ones find the PDU,
 * item, sub-item, PDV and command element length fields, the PDU types, PDV control headers and AE title fields
 * and set them to boundary values.
 */
final class PduMutator {

    private static final long[] INTERESTING = {0, 1, 2, 3, 4, 5, 6, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x3FFF, 0x4000,
        0x7FFF, 0x8000, 0xFFFE, 0xFFFF, 0x10000, 0x100000, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFEL, 0xFFFFFFFFL};

    /** A field in the stream: offset, size in bytes, big endian (PDU headers) or little endian (commands). */
    record Field(int offset, int size, boolean bigEndian, Kind kind) {
    }

    enum Kind { LENGTH, PDU_TYPE, ITEM_TYPE, PDV_CONTROL, PCID, AE_TITLE }

    private final Random random;

    PduMutator(Random random) {
        this.random = random;
    }

    /** One to four stacked mutations of {@code pdus} (concatenated); {@code other} is used for splicing. */
    byte[] mutate(List<byte[]> pdus, byte[] other) {
        // half of the time the A-ASSOCIATE-RQ stays intact, so that the mutations reach P-DATA and DIMSE
        boolean keepFirst = pdus.size() > 1 && random.nextBoolean();
        byte[] b = concat(keepFirst ? pdus.subList(1, pdus.size()) : pdus);
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            b = mutateOnce(b, other);
        }
        return keepFirst ? concat(List.of(pdus.get(0), b)) : b;
    }

    private byte[] mutateOnce(byte[] src, byte[] other) {
        if (src.length == 0) {
            return new byte[] {(byte) random.nextInt(8)};
        }
        return switch (random.nextInt(12)) {
            case 0 -> bitFlip(src);
            case 1 -> byteSet(src);
            case 2, 3, 4, 5 -> field(src);
            case 6 -> Arrays.copyOf(src, random.nextInt(src.length));
            case 7 -> duplicateChunk(src);
            case 8 -> removeChunk(src);
            case 9 -> splice(src, other);
            case 10 -> duplicatePdu(src);
            default -> byteSet(src);
        };
    }

    private byte[] field(byte[] src) {
        List<Field> fields = fields(src);
        if (fields.isEmpty()) {
            return byteSet(src);
        }
        Field f = fields.get(random.nextInt(fields.size()));
        byte[] b = src.clone();
        switch (f.kind()) {
            case LENGTH -> {
                long old = read(b, f);
                long v = switch (random.nextInt(3)) {
                    case 0 -> INTERESTING[random.nextInt(INTERESTING.length)];
                    case 1 -> old + random.nextInt(9) - 4;
                    default -> old * 2 + random.nextInt(3);
                };
                write(b, f, v);
            }
            case PDU_TYPE -> write(b, f, random.nextInt(10));
            case ITEM_TYPE -> write(b, f, new int[] {0x10, 0x20, 0x21, 0x30, 0x40, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55,
                0x56, 0x57, 0x58, 0x59, 0x00, 0xFF}[random.nextInt(17)]);
            case PDV_CONTROL -> write(b, f, random.nextInt(256) & (random.nextBoolean() ? 3 : 0xFF));
            case PCID -> write(b, f, random.nextInt(256));
            case AE_TITLE -> {
                byte fill = new byte[] {' ', 0, 0x1B, (byte) 0xC3, '\\'}[random.nextInt(5)];
                int from = random.nextBoolean() ? 0 : random.nextInt(16);
                Arrays.fill(b, f.offset() + from, f.offset() + 16, fill);
            }
            default -> throw new IllegalStateException();
        }
        return b;
    }

    /** Walks the PDUs of a stream and lists the fields worth mutating (as far as the structure parses). */
    static List<Field> fields(byte[] b) {
        List<Field> out = new ArrayList<>();
        int pos = 0;
        while (pos + 6 <= b.length) {
            int type = b[pos] & 0xFF;
            long len = read(b, pos + 2, 4, true);
            out.add(new Field(pos, 1, true, Kind.PDU_TYPE));
            out.add(new Field(pos + 2, 4, true, Kind.LENGTH));
            int body = pos + 6;
            int end = (int) Math.min(b.length, body + len);
            if (type == 1 || type == 2) {
                if (body + 68 <= end) {
                    out.add(new Field(body + 4, 16, true, Kind.AE_TITLE));
                    out.add(new Field(body + 20, 16, true, Kind.AE_TITLE));
                }
                items(b, body + 68, end, 0, out);
            } else if (type == 4) {
                int p = body;
                while (p + 6 <= end) {
                    long pdv = read(b, p, 4, true);
                    out.add(new Field(p, 4, true, Kind.LENGTH));
                    out.add(new Field(p + 4, 1, true, Kind.PCID));
                    out.add(new Field(p + 5, 1, true, Kind.PDV_CONTROL));
                    if ((b[p + 5] & 1) != 0) {
                        commandElements(b, p + 6, (int) Math.min(end, p + 4 + pdv), out);
                    }
                    if (pdv < 2 || pdv > end - p - 4) {
                        break;
                    }
                    p += 4 + (int) pdv;
                }
            }
            if (len > b.length) {
                break;
            }
            pos = body + (int) len;
        }
        return out;
    }

    /** Items and sub-items of an A-ASSOCIATE-RQ/AC: type, reserved, 16-bit length. */
    private static void items(byte[] b, int from, int end, int depth, List<Field> out) {
        int p = from;
        while (p + 4 <= end) {
            int type = b[p] & 0xFF;
            int len = (int) read(b, p + 2, 2, true);
            out.add(new Field(p, 1, true, Kind.ITEM_TYPE));
            out.add(new Field(p + 2, 2, true, Kind.LENGTH));
            int body = p + 4;
            if (depth == 0 && (type == 0x20 || type == 0x21)) {
                out.add(new Field(body, 1, true, Kind.PCID));
                items(b, body + 4, Math.min(end, body + len), 1, out);
            } else if (depth == 0 && type == 0x50) {
                items(b, body, Math.min(end, body + len), 1, out);
            } else if (type == 0x54 || type == 0x56 || type == 0x58) {
                if (body + 2 <= end) {
                    out.add(new Field(body + (type == 0x58 ? 2 : 0), 2, true, Kind.LENGTH));
                }
            }
            p = body + len;
        }
    }

    /** Command set elements: group 0000 tags with 32-bit little endian lengths. */
    private static void commandElements(byte[] b, int from, int end, List<Field> out) {
        int p = from;
        while (p + 8 <= end) {
            out.add(new Field(p + 4, 4, false, Kind.LENGTH));
            long len = read(b, p + 4, 4, false);
            if (len > end) {
                break;
            }
            p += 8 + (int) len;
        }
    }

    private byte[] bitFlip(byte[] src) {
        byte[] b = src.clone();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private byte[] byteSet(byte[] src) {
        byte[] b = src.clone();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            b[random.nextInt(b.length)] = (byte) (random.nextBoolean() ? random.nextInt(256)
                    : new int[] {0, 0xFF, 0x80, 0x7F, 1}[random.nextInt(5)]);
        }
        return b;
    }

    private byte[] duplicateChunk(byte[] src) {
        int from = random.nextInt(src.length);
        int len = 1 + random.nextInt(Math.min(src.length - from, 256));
        int to = random.nextInt(src.length + 1);
        byte[] b = new byte[src.length + len];
        System.arraycopy(src, 0, b, 0, to);
        System.arraycopy(src, from, b, to, len);
        System.arraycopy(src, to, b, to + len, src.length - to);
        return b;
    }

    private byte[] removeChunk(byte[] src) {
        int from = random.nextInt(src.length);
        int len = 1 + random.nextInt(Math.min(src.length - from, 256));
        byte[] b = new byte[src.length - len];
        System.arraycopy(src, 0, b, 0, from);
        System.arraycopy(src, from + len, b, from, src.length - from - len);
        return b;
    }

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

    /** Repeats one whole PDU (e.g. a second A-ASSOCIATE-RQ, or a release request twice). */
    private byte[] duplicatePdu(byte[] src) {
        List<Field> types = fields(src).stream().filter(f -> f.kind() == Kind.PDU_TYPE).toList();
        if (types.isEmpty()) {
            return duplicateChunk(src);
        }
        int at = types.get(random.nextInt(types.size())).offset();
        long len = read(src, at + 2, 4, true);
        int end = (int) Math.min(src.length, at + 6 + len);
        byte[] pdu = Arrays.copyOfRange(src, at, end);
        byte[] b = new byte[src.length + pdu.length];
        System.arraycopy(src, 0, b, 0, end);
        System.arraycopy(pdu, 0, b, end, pdu.length);
        System.arraycopy(src, end, b, end + pdu.length, src.length - end);
        return b;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        parts.forEach(p -> o.write(p, 0, p.length));
        return o.toByteArray();
    }

    private static long read(byte[] b, Field f) {
        return read(b, f.offset(), f.size(), f.bigEndian());
    }

    private static long read(byte[] b, int at, int size, boolean be) {
        long v = 0;
        for (int k = 0; k < size && at + k < b.length; k++) {
            int shift = be ? 8 * (size - 1 - k) : 8 * k;
            v |= (b[at + k] & 0xFFL) << shift;
        }
        return v;
    }

    private static void write(byte[] b, Field f, long v) {
        for (int k = 0; k < f.size() && f.offset() + k < b.length; k++) {
            int shift = f.bigEndian() ? 8 * (f.size() - 1 - k) : 8 * k;
            b[f.offset() + k] = (byte) (v >>> shift);
        }
    }
}
