package org.xnat.dicom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded, seeded fuzzing of the Part 10 parser (run by the {@code fuzz} surefire execution in a small heap so
 * an OutOfMemoryError shows). Inputs are mutations of {@link Seeds}; each is judged by {@link Part10Target}.
 * Crashers and hangs are written to {@code target/fuzz-crashers/} and fail the test; to keep one as a regression,
 * copy it to {@code src/test/resources/fuzz/regressions/} (replayed by {@link Part10RegressionTest}).
 *
 * <p>System properties: {@code fuzz.seed} (default 20261127), {@code fuzz.seconds} (default 45),
 * {@code fuzz.iterations} (default 2,000,000), {@code fuzz.timeoutMillis} per input (default 2000),
 * {@code fuzz.crashers} (output directory). The run stops at whichever bound comes first; input {@code i} depends
 * only on the seed and {@code i}, so a run with the same seed replays the same inputs.
 */
class Part10FuzzTest {

    private static final int MAX_REPORTED = 20;

    @TempDir
    Path tmp;

    @Test
    void mutatedFilesOnlyEndInParsedOrDicomParseException() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261127L);
        long seconds = Long.getLong("fuzz.seconds", 45);
        long maxIterations = Long.getLong("fuzz.iterations", 2_000_000);
        long timeoutMillis = Long.getLong("fuzz.timeoutMillis", 2000);
        Path crasherDir = Path.of(System.getProperty("fuzz.crashers", "target/fuzz-crashers"));

        List<Seeds.Seed> seeds = Seeds.all();
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(Seeds.synthetic().size());
        Path scratch = tmp.resolve("input.dcm");
        Map<String, Integer> rejections = new TreeMap<>();
        Map<String, String> crashers = new LinkedHashMap<>(); // signature -> saved file
        int parsed = 0;
        int rejected = 0;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService worker = Part10Target.newWorker();
        long i = 0;
        try {
            for (; i < maxIterations && System.nanoTime() < deadline; i++) {
                Random random = new Random(seed * 1_000_003L + i);
                Seeds.Seed s = seeds.get(random.nextInt(seeds.size()));
                Seeds.Seed other = seeds.get(random.nextInt(seeds.size()));
                byte[] input = new Mutator(random).mutate(s.bytes(), other.bytes());
                // the file-based read (bulk data references) on every 8th input: it costs a file write
                Part10Target.Outcome o = Part10Target.run(worker, input, i % 8 == 0 ? scratch : null, timeoutMillis);
                switch (o.verdict()) {
                    case PARSED -> parsed++;
                    case REJECTED -> {
                        rejected++;
                        rejections.merge(o.error().getClass().getSimpleName(), 1, Integer::sum);
                    }
                    case CRASH, HANG -> {
                        String signature = signature(o.error());
                        if (!crashers.containsKey(signature) && crashers.size() < MAX_REPORTED) {
                            crashers.put(signature, save(crasherDir, i, s.name(), input, o));
                        }
                        if (o.verdict() == Part10Target.Verdict.HANG) {
                            worker.shutdownNow(); // the stuck thread is a daemon; go on with a fresh one
                            worker = Part10Target.newWorker();
                        }
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("Part 10 fuzz: seed %d, %d inputs from %d seeds in %d s: %d parsed, %d rejected %s, "
                + "%d distinct crashers%n", seed, i, seeds.size(), seconds, parsed, rejected, rejections,
                crashers.size());
        assertThat(crashers).as("crashers and hangs (inputs saved under %s)", crasherDir).isEmpty();
        // the run must have been a real one: enough inputs, and both outcomes seen
        assertThat(i).isGreaterThanOrEqualTo(Math.min(maxIterations, 1000));
        assertThat(parsed).isPositive();
        assertThat(rejected).isPositive();
    }

    /** Exception type and the first toolkit frame: crashes with the same cause count once. */
    static String signature(Throwable t) {
        StringBuilder b = new StringBuilder(t.getClass().getName());
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.xnat.dicom.") && !e.getClassName().contains(".fuzz.")) {
                b.append(" at ").append(e.getClassName()).append('.').append(e.getMethodName()).append(':')
                        .append(e.getLineNumber());
                break;
            }
        }
        return b.toString();
    }

    private static String save(Path dir, long iteration, String seedName, byte[] input, Part10Target.Outcome o)
            throws IOException {
        Files.createDirectories(dir);
        String name = "part10-" + o.verdict().name().toLowerCase() + "-" + sha1(input).substring(0, 12);
        Path bin = dir.resolve(name + ".dcm");
        Files.write(bin, input);
        StringWriter trace = new StringWriter();
        o.error().printStackTrace(new PrintWriter(trace));
        Files.writeString(dir.resolve(name + ".txt"), "iteration " + iteration + ", seed file " + seedName + "\n"
                + o.describe() + "\n" + trace, StandardCharsets.UTF_8);
        return bin.toString();
    }

    static String sha1(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
