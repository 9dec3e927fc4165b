package org.xnat.router.destination.xnat.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for XNAT's REST endpoints on 127.0.0.1, recording every request it gets (method, path,
 * decoded query, headers, and the ZIP it received, entry by entry). It enforces what XNAT enforces:
 * basic auth on {@code /data/JSESSION} and {@code buildInfo}, the session cookie on the import and logout.
 */
final class FakeXnat implements AutoCloseable {

    static final String USER = "router";
    static final String PASSWORD = "pw-Very$ecret-42";
    static final String SESSION = "5E5510A1D0123456789ABCDEF0123456";
    static final String HEALTH_SESSION = "4EA17400D0123456789ABCDEF0123456";

    /** One request as received. */
    record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
            Map<String, byte[]> zipEntries, String bodyError) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return String.join(",", e.getValue());
                }
            }
            return null;
        }
    }

    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    volatile int importStatus = 200;
    volatile String importAnswer = "/data/prearchive/projects/P/20261127_120000000/E";
    volatile boolean importAnswersBeforeReading;
    volatile long sessionDelayMillis;
    volatile long importDelayMillis;
    volatile int healthStatus = 200;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    FakeXnat() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/xnat";
    }

    List<String> methodsAndPaths() {
        synchronized (requests) {
            return requests.stream().map(r -> r.method() + " " + r.path()).toList();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath().replaceFirst("^/xnat", "");
        Map<String, String> query = parseQuery(ex.getRequestURI().getRawQuery());
        Map<String, List<String>> headers = new LinkedHashMap<>(ex.getRequestHeaders());
        try {
            if (method.equals("POST") && path.equals("/data/JSESSION")) {
                record(method, path, query, headers, null, null);
                sleep(sessionDelayMillis);
                if (!basicAuthOk(ex)) {
                    respond(ex, 401, "<html><body>Bad credentials for this XNAT</body></html>");
                    return;
                }
                ex.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + SESSION + "; Path=/xnat; HttpOnly");
                respond(ex, 200, SESSION);
            } else if (method.equals("POST") && path.equals("/data/services/import")) {
                if (importAnswersBeforeReading) {
                    // like Tomcat refusing a request early: answer first, then swallow the body
                    record(method, path, query, headers, null, "not read");
                    respond(ex, importStatus, importAnswer);
                    ex.getResponseBody().flush();
                    ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    return;
                }
                sleep(importDelayMillis);
                Map<String, byte[]> entries = new LinkedHashMap<>();
                String error = null;
                try {
                    readZip(ex.getRequestBody(), entries);
                } catch (IOException | RuntimeException e) {
                    error = e.toString();
                }
                record(method, path, query, headers, entries, error);
                if (error != null) {
                    respond(ex, 400, "broken upload: " + error);
                } else if (!sessionCookieOk(ex, SESSION)) {
                    respond(ex, 401, "no session");
                } else {
                    respond(ex, importStatus, importAnswer);
                }
            } else if (method.equals("DELETE") && path.equals("/data/JSESSION")) {
                record(method, path, query, headers, null, null);
                respond(ex, sessionCookieOk(ex, SESSION) || sessionCookieOk(ex, HEALTH_SESSION) ? 200 : 401, "");
            } else if (method.equals("GET") && path.equals("/xapi/siteConfig/buildInfo")) {
                record(method, path, query, headers, null, null);
                if (!basicAuthOk(ex)) {
                    respond(ex, 401, "Bad credentials");
                    return;
                }
                ex.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + HEALTH_SESSION + "; Path=/xnat; HttpOnly");
                respond(ex, healthStatus, "{\"version\":\"1.8.10\",\"buildNumber\":\"42\"}");
            } else {
                record(method, path, query, headers, null, null);
                respond(ex, 404, "no such endpoint");
            }
        } catch (IOException e) {
            // the client went away; the request is recorded
        } finally {
            ex.close();
        }
    }

    private void record(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
            Map<String, byte[]> entries, String error) {
        requests.add(new Request(method, path, query, headers, entries, error));
    }

    /** Reads the whole body (at most 100 MB) and checks it is a complete ZIP, central directory included. */
    private static void readZip(InputStream body, Map<String, byte[]> entries) throws IOException {
        Path file = Files.createTempFile("fake-xnat-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[65536];
                long total = 0;
                int n;
                while ((n = readBody(body, buffer)) >= 0) {
                    total += n;
                    if (total > 100L << 20) {
                        throw new IOException("upload larger than the test allows");
                    }
                    out.write(buffer, 0, n);
                }
            }
            // the HTTP body ended properly (last chunk received); now it must be a whole ZIP
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    try (InputStream in = zip.getInputStream(e)) {
                        if (entries.put(e.getName(), in.readAllBytes()) != null) {
                            throw new IOException("duplicate entry " + e.getName());
                        }
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Failures of the HTTP body itself (cut chunked stream, closed connection) start with "body cut". */
    private static int readBody(InputStream body, byte[] buffer) throws IOException {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new IOException("body cut: " + e, e);
        }
    }

    private static boolean basicAuthOk(HttpExchange ex) {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return expected.equals(ex.getRequestHeaders().getFirst("Authorization"));
    }

    private static boolean sessionCookieOk(HttpExchange ex, String session) {
        String cookie = ex.getRequestHeaders().getFirst("Cookie");
        return cookie != null && cookie.contains("JSESSIONID=" + session);
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (q.put(k, v) != null) {
                q.put(k, "DUPLICATE");
            }
        }
        return q;
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
