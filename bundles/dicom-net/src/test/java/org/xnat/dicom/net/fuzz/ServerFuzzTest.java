package org.xnat.dicom.net.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;

/**
 * Mutated requestor byte streams against a live {@link DicomServer} over loopback, several connections at a
 * time. The storage sink parses each data set with the {@link DicomReader}. Failures: an ERROR logged by the
 * toolkit (its internal errors: a RuntimeException in an association, in the accept path or in the sink), an
 * uncaught exception in any thread, a connection the server neither answers nor closes in time after the peer
 * stopped sending (a hung association thread), and afterwards: associations or threads left over, or a C-ECHO
 * that fails.
 *
 * <p>System properties: {@code fuzz.seed}, {@code fuzz.seconds} (the module's budget, default 50; this test
 * takes 60% of it), {@code fuzz.iterations}, {@code fuzz.crashers} as for {@link PduCodecFuzzTest};
 * {@code fuzz.server.concurrency} (default 4).
 */
class ServerFuzzTest {

    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder().artimTimeout(Duration.ofMillis(1000))
            .idleTimeout(Duration.ofMillis(1500)).responseTimeout(Duration.ofSeconds(2))
            .writeTimeout(Duration.ofSeconds(2)).build();
    /** After the peer stopped sending, the server must have closed the connection within this time. */
    private static final long CLOSE_WITHIN_MILLIS = 8000;

    @Test
    void mutatedSessionsNeitherCrashNorStallTheServer() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261127L);
        long millis = Long.getLong("fuzz.seconds", 50) * 600;
        long maxIterations = Long.getLong("fuzz.iterations", 2_000_000);
        int concurrency = Integer.getInteger("fuzz.server.concurrency", 4);
        List<List<byte[]>> sessions = Sessions.all();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        Map<String, Integer> firstAnswers = new ConcurrentHashMap<>();
        Map<String, String> crashers = Collections.synchronizedMap(new LinkedHashMap<>());
        AtomicLong next = new AtomicLong();
        // the server logs an internal error under the peer's address: the port tells which input it was
        Map<Integer, Long> portToIteration = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        int threadsBefore = scpThreads().size();

        try (LogTap log = new LogTap()) {
            DicomServer server = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1").options(OPTIONS)
                    .build()).storageSink((store, in) -> {
                        try (DicomReader r = new DicomReader(in, ReadOptions.defaults()
                                .transferSyntax(TransferSyntax.forUid(store.transferSyntaxUid())))) {
                            r.readDataset().toString();
                        }
                        return DimseStatus.SUCCESS;
                    }).start();
            try {
                ExecutorService clients = Executors.newFixedThreadPool(concurrency);
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < concurrency; c++) {
                    running.add(clients.submit(() -> {
                        for (long i; (i = next.getAndIncrement()) < maxIterations && System.nanoTime() < deadline;) {
                            Input input = input(seed, i, sessions);
                            int port = session(server.port(), input, firstAnswers, crashers);
                            portToIteration.put(port, i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get(millis + 60_000, TimeUnit.MILLISECONDS);
                }
                clients.shutdown();

                // afterwards: associations drain, threads stay bounded, the server still answers a C-ECHO
                long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!server.activeAssociations().isEmpty() && System.nanoTime() < drainUntil) {
                    Thread.sleep(50);
                }
                assertThat(server.activeAssociations()).as("associations left open").isEmpty();
                assertThat(scpThreads().size() - threadsBefore).as("SCP threads alive after the run: %s", scpThreads())
                        .isLessThanOrEqualTo(3 * concurrency + 4);
                try (DicomClient client = new DicomClient(OPTIONS);
                        ScuAssociation as = client.connect("127.0.0.1", server.port(), AssociationRequest
                                .builder("CHECK", "ROUTER").addPresentationContext(UID.Verification,
                                        UID.ImplicitVRLittleEndian).build())) {
                    assertThat(as.echo()).isEqualTo(DimseStatus.SUCCESS);
                }
            } finally {
                server.close();
            }
            long goneUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (scpThreads().size() > threadsBefore && System.nanoTime() < goneUntil) {
                Thread.sleep(50);
            }
            for (String error : log.errors()) {
                Matcher m = Pattern.compile("127\\.0\\.0\\.1:([0-9]+)").matcher(error);
                Long iteration = m.find() ? portToIteration.get(Integer.valueOf(m.group(1))) : null;
                String signature = error.lines().findFirst().orElse("").replaceAll("[0-9:./]+", "#");
                if (!crashers.containsKey(signature) && crashers.size() < 20) {
                    byte[] bytes = iteration == null ? new byte[0] : input(seed, iteration, sessions).bytes();
                    crashers.put(signature, Crashers.save("server", bytes, "iteration " + iteration + " (seed "
                            + seed + ")\n" + error).toString());
                }
            }
            System.out.printf("Server fuzz: seed %d, %d sessions in %d ms over %d connections at a time; first answer "
                    + "PDU: %s; %d distinct crashers%n", seed, Math.min(next.get(), maxIterations) - concurrency,
                    millis, concurrency, new TreeMap<>(firstAnswers), crashers.size());
            assertThat(crashers).as("crashers and hangs (inputs saved under %s)", Crashers.dir()).isEmpty();
            assertThat(log.errors()).as("ERRORs logged by the toolkit").isEmpty();
            assertThat(uncaught).as("uncaught exceptions").isEmpty();
            assertThat(scpThreads()).as("SCP threads left after close").hasSizeLessThanOrEqualTo(threadsBefore);
            assertThat(next.get()).isGreaterThanOrEqualTo(Math.min(maxIterations, 50));
            assertThat(firstAnswers).containsKeys("A-ASSOCIATE-AC", "A-ABORT");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    /** Input {@code i}: a function of the seed and {@code i} only, so that it can be rebuilt from its number. */
    private static Input input(long seed, long i, List<List<byte[]>> sessions) {
        Random random = new Random(seed * 1_000_003L + i);
        List<byte[]> s = sessions.get(random.nextInt(sessions.size()));
        byte[] other = PduMutator.concat(sessions.get(random.nextInt(sessions.size())));
        byte[] bytes = new PduMutator(random).mutate(s, other);
        return new Input(i, bytes, random.nextInt(16));
    }

    /** @param ending 0: stay silent, 1-2: reset the connection, else half-close after sending */
    private record Input(long iteration, byte[] bytes, int ending) {
    }

    /**
     * Sends one input, ends the connection as the input says and reads what the server answers until it
     * closes; saves the input if the server does not close in time. Returns the local port.
     */
    private static int session(int port, Input input, Map<String, Integer> firstAnswers, Map<String, String> crashers)
            throws IOException {
        String problem;
        int localPort;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            localPort = s.getLocalPort();
            s.setSoTimeout(500);
            try {
                s.getOutputStream().write(input.bytes());
                if (input.ending() == 1 || input.ending() == 2) {
                    s.setSoLinger(true, 0); // RST instead of FIN
                    firstAnswers.merge("(reset by us)", 1, Integer::sum);
                    return localPort;
                }
                if (input.ending() != 0) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may already have aborted and closed: then read what it sent
            }
            problem = readUntilClosed(s, firstAnswers);
        }
        if (problem != null) {
            synchronized (crashers) {
                if (!crashers.containsKey(problem) && crashers.size() < 20) {
                    crashers.put(problem, Crashers.save("server-hang", input.bytes(), "iteration "
                            + input.iteration() + ", ending " + input.ending() + "\n" + problem).toString());
                }
            }
        }
        return localPort;
    }

    /** Reads the server's answer PDUs until it closes; returns a problem description if it does not in time. */
    private static String readUntilClosed(Socket s, Map<String, Integer> firstAnswers) throws IOException {
        long until = System.nanoTime() + CLOSE_WITHIN_MILLIS * 1_000_000L;
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        boolean first = true;
        while (System.nanoTime() < until) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                firstAnswers.merge(first ? "(reset by server)" : "answered, then reset", 1, Integer::sum);
                return null;
            }
            if (n < 0) {
                if (first) {
                    firstAnswers.merge("(closed without a PDU)", 1, Integer::sum);
                }
                return null;
            }
            if (first && n > 0) {
                firstAnswers.merge(pduName(buf[0] & 0xFF), 1, Integer::sum);
                first = false;
            }
        }
        return "HANG: the server kept the connection open " + CLOSE_WITHIN_MILLIS + " ms after the peer stopped";
    }

    private static String pduName(int type) {
        return switch (type) {
            case 1 -> "A-ASSOCIATE-RQ";
            case 2 -> "A-ASSOCIATE-AC";
            case 3 -> "A-ASSOCIATE-RJ";
            case 4 -> "P-DATA-TF";
            case 5 -> "A-RELEASE-RQ";
            case 6 -> "A-RELEASE-RP";
            case 7 -> "A-ABORT";
            default -> "type " + type;
        };
    }

    private static List<String> scpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("dicom-scp")).toList();
    }
}
