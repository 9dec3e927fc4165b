package org.xnat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;

/**
 * Header parse rate: {@link DicomReader} with {@code stopBeforePixelData} over files, repeated. Prints one line
 * per measurement: files/s for parsing only, and for parsing plus rendering every element as text
 * ({@link Attributes#toString()}, decoding all values: closer to what dcmdump does).
 *
 * <p>Usage: {@code ParseBench <warm-up passes> <timed passes> <file list>}; with 0 warm-up passes and 1 timed pass
 * it measures a cold run (the JVM start is then timed outside, by the harness).
 */
public final class ParseBench {

    private ParseBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[0]);
        int passes = Integer.parseInt(args[1]);
        List<Path> files = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            if (!line.isBlank()) {
                files.add(Path.of(line.strip()));
            }
        }
        ReadOptions header = ReadOptions.defaults().stopBeforePixelData(true);
        for (boolean render : new boolean[] {false, true}) {
            for (int i = 0; i < warmup; i++) {
                pass(files, header, render);
            }
            long t0 = System.nanoTime();
            long elements = 0;
            for (int i = 0; i < passes; i++) {
                elements += pass(files, header, render);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s files=%d passes=%d seconds=%.3f files_per_s=%.0f elements=%d%n",
                    render ? "parse+render" : "parse", files.size(), passes, s, files.size() * passes / s, elements);
        }
    }

    private static long pass(List<Path> files, ReadOptions options, boolean render) throws IOException {
        long n = 0;
        for (Path f : files) {
            try (DicomReader r = DicomReader.open(f, options)) {
                Attributes ds = r.readDataset();
                n += ds.size();
                if (render) {
                    n += ds.toString().length() > 0 ? 0 : 1;
                }
            }
        }
        return n;
    }
}
