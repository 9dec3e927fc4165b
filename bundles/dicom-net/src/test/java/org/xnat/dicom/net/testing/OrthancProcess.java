package org.xnat.dicom.net.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private Orthanc for tests: its own JSON config, storage and index in a temp directory, free
 * ports, no remote access, killed on {@link #close()}. REST helpers use java.net.http.
 */
public final class OrthancProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    public static final String AE_TITLE = "ORTHANC";

    private final Process process;
    private final int httpPort;
    private final int dicomPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OrthancProcess(Process process, int httpPort, int dicomPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.log = log;
    }

    /**
     * @param modalities JSON members for "DicomModalities", e.g. {@code "ours": ["OURSCP", "127.0.0.1", 4242]}
     */
    public static OrthancProcess start(Path dir, String modalities) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BINARY), "Orthanc not installed");
        int httpPort = Dcmtk.freePort();
        int dicomPort = Dcmtk.freePort();
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, """
                {
                  "Name": "dicom-net-test",
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "HttpPort": %d,
                  "DicomPort": %d,
                  "DicomAet": "%s",
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false,
                  "HttpServerEnabled": true,
                  "DicomServerEnabled": true,
                  "DicomAlwaysAllowEcho": true,
                  "DicomAlwaysAllowStore": true,
                  "DicomCheckCalledAet": false,
                  "DicomCheckModalityHost": false,
                  "DicomModalitiesInDatabase": false,
                  "UnknownSopClassAccepted": true,
                  "Plugins": [],
                  "DicomModalities": { %s }
                }
                """.formatted(storage, storage, httpPort, dicomPort, AE_TITLE, modalities));
        Path log = dir.resolve("orthanc.log");
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        OrthancProcess o = new OrthancProcess(p, httpPort, dicomPort, log);
        try {
            o.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            o.close();
            throw e;
        }
        return o;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited: " + Files.readString(log));
            }
            try {
                if (get("/system").contains("DicomAet")) {
                    Dcmtk.awaitPort(dicomPort, 10_000);
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("Orthanc did not start: " + Files.readString(log));
    }

    public int dicomPort() {
        return dicomPort;
    }

    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        check(r, path);
        return r.body();
    }

    public byte[] getBytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " -> " + r.statusCode());
        }
        return r.body();
    }

    public String post(String path, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(r, path);
        return r.body();
    }

    /** Uploads a Part 10 file; returns Orthanc's instance ID, or null if Orthanc refused it. */
    public String upload(Path file) throws IOException, InterruptedException {
        HttpResponse<String> r;
        try {
            r = uploadOnce(file);
        } catch (IOException e) {
            // Orthanc closes a kept-alive connection after refusing a file; one retry on a fresh one.
            r = uploadOnce(file);
        }
        if (r.statusCode() != 200) {
            return null;
        }
        return field(r.body(), "ID");
    }

    private HttpResponse<String> uploadOnce(Path file) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/instances")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The string value of the first "name": "value" in a JSON text. */
    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** The strings of a JSON array of strings. */
    public static List<String> strings(String jsonArray) {
        List<String> l = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(jsonArray);
        while (m.find()) {
            l.add(m.group(1));
        }
        return l;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static void check(HttpResponse<String> r, String path) throws IOException {
        if (r.statusCode() != 200) {
            throw new IOException(path + " -> HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
