package org.xnat.dicom.net.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs dcmtk command-line tools (with TCP_NODELAY=1, bounded in time). */
public final class Dcmtk {
    private Dcmtk() {
    }

    public record Result(int exitCode, String output) {
    }

    public static Path binary(String tool) {
        Path p = Path.of("/usr/bin", tool);
        assumeTrue(Files.isExecutable(p), tool + " not installed");
        return p;
    }

    public static Result run(long timeoutSeconds, String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary(tool).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        try {
            byte[] out;
            // Read on this thread; the timeout kills the process which ends the stream.
            Thread killer = new Thread(() -> {
                try {
                    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            });
            killer.setDaemon(true);
            killer.start();
            out = p.getInputStream().readAllBytes();
            p.waitFor(5, TimeUnit.SECONDS);
            return new Result(p.isAlive() ? -1 : p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    /** Starts a long-running tool (e.g. storescp); the caller destroys it. */
    public static Process start(Path log, String tool, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary(tool).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TCP_NODELAY", "1");
        return pb.start();
    }

    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:port. */
    public static void awaitPort(int port, long timeoutMillis) throws InterruptedException, IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nothing listening on port " + port + " after " + timeoutMillis + " ms");
    }
}
