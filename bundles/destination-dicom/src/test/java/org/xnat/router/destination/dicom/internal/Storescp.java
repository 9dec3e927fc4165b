package org.xnat.router.destination.dicom.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** dcmtk's storescp as a real peer: on a free 127.0.0.1 port, Nagle off, writing into a directory. */
final class Storescp implements AutoCloseable {

    static final String AE = "STORESCP";

    final int port;
    final Path dir;
    private final Path log;
    private final Process process;

    private Storescp(int port, Path dir, Path log, Process process) {
        this.port = port;
        this.dir = dir;
        this.log = log;
        this.process = process;
    }

    static void assumeInstalled() {
        assumeTrue(Stream.of("/usr/bin/storescp", "/usr/local/bin/storescp").anyMatch(p -> Files.isExecutable(Path.of(p))),
                "dcmtk (storescp) not installed");
    }

    /** Starts storescp with {@code +B} (writes data sets exactly as received) and the given extra options. */
    static Storescp start(Path work, String... options) throws Exception {
        assumeInstalled();
        Path dir = Files.createDirectories(work.resolve("received"));
        Path log = work.resolve("storescp.log");
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of("storescp", "-v", "+B", "-od", dir.toString(), "-aet", AE));
        cmd.addAll(Arrays.asList(options));
        cmd.add(Integer.toString(port));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        Storescp scp = new Storescp(port, dir, log, p);
        scp.awaitListening();
        return scp;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("storescp ended: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("storescp not listening on " + port + ": " + log());
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    /** Associations storescp accepted (a bare TCP probe is "received" but never "acknowledged"). */
    long associationsAccepted() throws IOException {
        return log().lines().filter(l -> l.contains("Association Acknowledged")).count();
    }

    /** The file storescp wrote for an instance (named {@code <modality>.<SOP Instance UID>}). */
    Path received(String sopInstanceUid) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith("." + sopInstanceUid)).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one file for " + sopInstanceUid + " in " + dir + ", found " + found);
            }
            return found.get(0);
        }
    }

    long receivedCount() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    /**
     * The data set bytes of a Part 10 file: what follows the File Meta Information, whose length is its
     * group length element (0002,0000), Type 1 in PS3.10 (read here independently of the code under test).
     */
    static byte[] datasetBytes(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getShort(132) != 0x0002 || b.getShort(134) != 0x0000 || all[136] != 'U' || all[137] != 'L') {
            throw new AssertionError(file + " does not start its meta information with (0002,0000) UL");
        }
        int groupLength = b.getInt(140);
        return Arrays.copyOfRange(all, 144 + groupLength, all.length);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
