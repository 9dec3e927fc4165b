package org.xnat.router.deid.internal.dicomedit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.BulkDataReference;
import org.xnat.dicom.data.Fragments;
import org.xnat.dicom.data.Tag;

/**
 * {@code alterPixels["rectangle", "l=L, t=T, r=R, b=B", "solid", "v=V"]}: sets every sample of the rectangle
 * (columns L to R-1, rows T to B-1, clipped to the image) of every frame to V, in native (uncompressed) pixel
 * data of 8, 16 or 32 bits allocated, any samples per pixel and planar configuration. Compressed pixel data
 * cannot be edited here and fails the instance (fail closed: burned-in text must not leave unblanked).
 */
final class PixelEditor {

    record Rectangle(int left, int top, int right, int bottom, long value) {

        static Rectangle parse(List<String> args) {
            if (!args.get(0).trim().equalsIgnoreCase("rectangle")) {
                throw new IllegalArgumentException("alterPixels supports the shape \"rectangle\", not \"" + args.get(0) + "\"");
            }
            if (!args.get(2).trim().equalsIgnoreCase("solid")) {
                throw new IllegalArgumentException("alterPixels supports the fill \"solid\", not \"" + args.get(2) + "\"");
            }
            Map<String, Long> box = keyValues(args.get(1));
            Map<String, Long> fill = keyValues(args.get(3));
            for (String k : List.of("l", "t", "r", "b")) {
                if (!box.containsKey(k)) {
                    throw new IllegalArgumentException("alterPixels: the rectangle needs l=, t=, r= and b= (missing " + k + "=)");
                }
            }
            if (!fill.containsKey("v")) {
                throw new IllegalArgumentException("alterPixels: the fill needs v=VALUE");
            }
            long l = box.get("l");
            long t = box.get("t");
            long r = box.get("r");
            long b = box.get("b");
            if (l < 0 || t < 0 || r <= l || b <= t || r > 65535 || b > 65535) {
                throw new IllegalArgumentException("alterPixels: the rectangle l=" + l + ", t=" + t + ", r=" + r + ", b=" + b
                        + " is empty or out of range (need 0 <= l < r, 0 <= t < b)");
            }
            return new Rectangle((int) l, (int) t, (int) r, (int) b, fill.get("v"));
        }

        private static Map<String, Long> keyValues(String s) {
            Map<String, Long> m = new HashMap<>();
            for (String part : s.split("[,\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("alterPixels: '" + part + "' is not key=number");
                }
                try {
                    m.put(part.substring(0, eq).trim().toLowerCase(), Long.parseLong(part.substring(eq + 1).trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("alterPixels: '" + part + "' is not key=number");
                }
            }
            return m;
        }
    }

    private PixelEditor() {
    }

    /** Blanks the rectangle; a dataset without pixel data has nothing to blank. */
    static void fill(Attributes ds, Rectangle rect) {
        Object value = ds.getValue(Tag.PixelData);
        if (value == null) {
            return;
        }
        if (value instanceof Fragments) {
            throw new IllegalArgumentException("alterPixels cannot edit compressed (encapsulated) pixel data;"
                    + " the instance is not sent");
        }
        if (value instanceof BulkDataReference) {
            throw new IllegalArgumentException("alterPixels needs the pixel data in memory");
        }
        byte[] px = (byte[]) value;
        int rows = ds.getInt(Tag.Rows, 0);
        int cols = ds.getInt(Tag.Columns, 0);
        int bits = ds.getInt(Tag.BitsAllocated, 0);
        int spp = ds.getInt(Tag.SamplesPerPixel, 1);
        int planar = ds.getInt(Tag.PlanarConfiguration, 0);
        int frames = Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
        String photometric = ds.getString(Tag.PhotometricInterpretation, "");
        if (rows <= 0 || cols <= 0 || spp <= 0) {
            throw new IllegalArgumentException("alterPixels: Rows, Columns or Samples per Pixel missing or invalid");
        }
        if (bits != 8 && bits != 16 && bits != 32) {
            throw new IllegalArgumentException("alterPixels supports 8, 16 or 32 bits allocated, not " + bits);
        }
        if (photometric.startsWith("YBR_") && photometric.endsWith("_422")) {
            throw new IllegalArgumentException("alterPixels cannot edit subsampled " + photometric + " pixel data");
        }
        int bytes = bits / 8;
        long frameSize = (long) rows * cols * spp * bytes;
        if (frameSize * frames > px.length) {
            throw new IllegalArgumentException("alterPixels: pixel data holds " + px.length + " bytes, "
                    + frames + " frame(s) of " + rows + "x" + cols + "x" + spp + " need " + frameSize * frames);
        }
        int r = Math.min(rect.right(), cols);
        int b = Math.min(rect.bottom(), rows);
        for (int f = 0; f < frames; f++) {
            long base = f * frameSize;
            for (int s = 0; s < spp; s++) {
                for (int y = rect.top(); y < b; y++) {
                    for (int x = rect.left(); x < r; x++) {
                        long sample = planar == 0 ? ((long) y * cols + x) * spp + s
                                : (long) s * rows * cols + (long) y * cols + x;
                        int off = (int) (base + sample * bytes);
                        for (int k = 0; k < bytes; k++) {
                            px[off + k] = (byte) (rect.value() >>> (8 * k)); // little endian in memory
                        }
                    }
                }
            }
        }
    }
}
