package org.xnat.router.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * dcmtk's storescp as a destination peer: bit-preserving ({@code +B}, the data set exactly as it came over the
 * wire) and with unique file names ({@code +uf}), so an instance delivered twice leaves two files; one process
 * per association ({@code --fork}) like a PACS, since the router delivers over several associations at once.
 */
final class Storescp implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/storescp");
    static final String AE_TITLE = "STORESCP";

    private final int port;
    private final Path output;
    private final Path log;
    private Process process;

    Storescp(int port, Path output) {
        this.port = port;
        this.output = output;
        this.log = output.resolveSibling(output.getFileName() + "-storescp.log");
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(Path.of("/usr/bin/echoscu"));
    }

    int port() {
        return port;
    }

    Path output() {
        return output;
    }

    /** Starts it and waits until it answers a C-ECHO. */
    Storescp start() throws Exception {
        Files.createDirectories(output);
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "--fork", "+B", "+uf", "-aet", AE_TITLE, "-od", output.toString(),
                String.valueOf(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("TCP_NODELAY", "1");
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("storescp exited: " + Files.readString(log));
            }
            ProcessBuilder echo = new ProcessBuilder("/usr/bin/echoscu", "-aec", AE_TITLE, "127.0.0.1",
                    String.valueOf(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            echo.environment().put("TCP_NODELAY", "1");
            Process e = echo.start();
            if (e.waitFor(10, TimeUnit.SECONDS) && e.exitValue() == 0) {
                return this;
            }
            e.destroyForcibly();
            Thread.sleep(100);
        }
        throw new AssertionError("storescp did not answer C-ECHO on port " + port);
    }

    /** Files received so far (complete or still being written). */
    long fileCount() throws IOException {
        if (!Files.isDirectory(output)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(output)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** SOP Instance UID to the data set hashes of every file received for it (one per delivery). */
    Map<String, List<String>> received() throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(output)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String uid;
            try {
                uid = TestInstances.sopInstanceUid(f);
            } catch (IOException e) {
                uid = "unreadable:" + f.getFileName();
            }
            String hash;
            try {
                hash = TestInstances.datasetHash(f);
            } catch (IOException e) {
                hash = "unreadable";
            }
            out.computeIfAbsent(uid, k -> new ArrayList<>()).add(hash);
        }
        return out;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
