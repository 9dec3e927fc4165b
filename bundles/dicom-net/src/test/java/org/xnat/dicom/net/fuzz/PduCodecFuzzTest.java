package org.xnat.dicom.net.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

/**
 * Bounded, seeded fuzzing of the PDU decoders in process ({@link PduTarget}): mutated requestor byte streams
 * ({@link Sessions}, {@link PduMutator}) must be consumed or end in the network layer's own exceptions, within
 * the time limit, in a small heap (the {@code fuzz} surefire execution runs with -Xmx128m).
 *
 * <p>System properties: {@code fuzz.seed} (default 20261127), {@code fuzz.seconds} (the module's budget,
 * default 50; this test takes 40% of it), {@code fuzz.iterations} (default 2,000,000),
 * {@code fuzz.timeoutMillis} per input (default 2000), {@code fuzz.crashers} (output directory).
 */
class PduCodecFuzzTest {

    @Test
    void mutatedPduStreamsOnlyEndInToolkitExceptions() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261127L);
        long millis = Long.getLong("fuzz.seconds", 50) * 400;
        long maxIterations = Long.getLong("fuzz.iterations", 2_000_000);
        long timeoutMillis = Long.getLong("fuzz.timeoutMillis", 2000);
        List<List<byte[]>> sessions = Sessions.all();
        Map<String, Integer> rejections = new TreeMap<>();
        Map<String, String> crashers = new LinkedHashMap<>();
        int consumed = 0;
        int rejected = 0;
        long deadline = System.nanoTime() + millis * 1_000_000L;
        ExecutorService worker = PduTarget.newWorker("pdu-fuzz-worker");
        long i = 0;
        try {
            for (; i < maxIterations && System.nanoTime() < deadline; i++) {
                Random random = new Random(seed * 1_000_003L + i);
                List<byte[]> session = sessions.get(random.nextInt(sessions.size()));
                byte[] other = PduMutator.concat(sessions.get(random.nextInt(sessions.size())));
                byte[] input = new PduMutator(random).mutate(session, other);
                PduTarget.Outcome o = PduTarget.run(worker, () -> {
                    PduTarget.consume(input);
                    return null;
                }, timeoutMillis);
                switch (o.verdict()) {
                    case CONSUMED -> consumed++;
                    case REJECTED -> {
                        rejected++;
                        rejections.merge(o.error().getClass().getSimpleName(), 1, Integer::sum);
                    }
                    case CRASH, HANG -> {
                        String signature = Crashers.signature(o.error());
                        if (!crashers.containsKey(signature) && crashers.size() < 20) {
                            crashers.put(signature, Crashers.save("pdu-" + o.verdict().name().toLowerCase(), input,
                                    "iteration " + i + ", seed " + seed + "\n" + o.describe() + "\n"
                                            + Crashers.trace(o.error())).toString());
                        }
                        if (o.verdict() == PduTarget.Verdict.HANG) {
                            worker.shutdownNow();
                            worker = PduTarget.newWorker("pdu-fuzz-worker");
                        }
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("PDU codec fuzz: seed %d, %d inputs in %d ms: %d consumed, %d rejected %s, "
                + "%d distinct crashers%n", seed, i, millis, consumed, rejected, rejections, crashers.size());
        assertThat(crashers).as("crashers and hangs (inputs saved under %s)", Crashers.dir()).isEmpty();
        assertThat(i).isGreaterThanOrEqualTo(Math.min(maxIterations, 1000));
        assertThat(consumed).isPositive();
        assertThat(rejected).isPositive();
    }
}
