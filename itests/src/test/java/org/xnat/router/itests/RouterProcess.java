package org.xnat.router.itests;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One router instance run through {@code ./router} on the built distribution ({@code ROUTER_NO_BUILD=1}), as a
 * user runs it: its own data directory, free HTTP and SSH ports, a config.yaml. Offers what the launcher tests
 * need: start and wait for health, launcher sub-commands ({@code stop}, {@code shell}), the embedded database,
 * and a crash ({@code kill -9} of the Karaf JVM, optionally of its PostgreSQL too).
 */
final class RouterProcess implements AutoCloseable {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path LAUNCHER = ROOT.resolve("router");
    static final String ADMIN_PASSWORD = "router-it-secret";
    /** The bootstrap admin API key of every test instance (environment variable {@code ROUTER_ADMIN_KEY}). */
    static final String ADMIN_API_KEY = "rtr_it_admin_0123456789abcdef0123456789";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Path data;
    private final int httpPort;
    private final int sshPort;
    private Path config;
    private final List<Process> started = new ArrayList<>();
    private Process current;
    private volatile String lastHealth = "";
    /** Extra environment of this instance's launcher (e.g. Karaf configuration overrides, secrets). */
    private final Map<String, String> extraEnvironment = new java.util.LinkedHashMap<>();
    private boolean adminKeyInEnvironment = true;

    RouterProcess(Path data, Path config) {
        this.data = data;
        this.config = config;
        this.httpPort = RouterDistribution.freePort();
        this.sshPort = RouterDistribution.freePort();
    }

    /** A fresh data directory under {@code target/}. */
    static Path newDataDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
    }

    Path data() {
        return data;
    }

    int httpPort() {
        return httpPort;
    }

    /** Starts without {@code ROUTER_ADMIN_KEY}: the router then generates its admin key into {@code DATA/admin-api-key}. */
    void withoutAdminKeyEnvironment() {
        this.adminKeyInEnvironment = false;
    }

    void config(Path file) {
        this.config = file;
    }

    /**
     * Writes a configuration of the routing component into {@code DATA/etc} (the launcher refreshes only the
     * files the distribution ships there, so this one stays).
     */
    void routingSettings(Map<String, String> settings) throws IOException {
        Path etc = data.resolve("etc");
        Files.createDirectories(etc);
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(etc.resolve("org.xnat.router.routing.internal.RoutingComponent.cfg"), sb.toString());
    }

    /** {@code ./router start} in the foreground; output appended to {@code DATA/console.txt}. */
    Process start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "start", "--data", data.toString(),
                "--http-port", String.valueOf(httpPort), "--ssh-port", String.valueOf(sshPort)));
        if (config != null) {
            cmd.add("--config");
            cmd.add(config.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        environment(pb);
        pb.environment().putAll(extraEnvironment);
        // Karaf's instance lock defaults to the distribution's directory, shared by every instance started from
        // it: a second router (another test running at the same time) would wait there for the first to stop.
        pb.environment().put("EXTRA_JAVA_OPTS", "-Dkaraf.lock.dir=" + data);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("console.txt").toFile()));
        Process p = pb.start();
        started.add(p);
        current = p;
        return p;
    }

    /** The launcher's environment: the built distribution as it is, the test's JDK (Karaf's scripts want JAVA_HOME). */
    private void environment(ProcessBuilder pb) {
        pb.environment().put("ROUTER_NO_BUILD", "1");
        pb.environment().put("ROUTER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        if (adminKeyInEnvironment) {
            pb.environment().put("ROUTER_ADMIN_KEY", ADMIN_API_KEY);
        } else {
            pb.environment().remove("ROUTER_ADMIN_KEY");
        }
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
    }

    /**
     * Sets an environment variable of this instance's next start: secrets, or Karaf's configuration overrides
     * ({@code ORG_XNAT_ROUTER_PERSISTENCE_URL} replaces {@code url} of PID {@code org.xnat.router.persistence}).
     */
    void environment(String name, String value) {
        extraEnvironment.put(name, value);
    }

    /** The JDBC URL of the embedded PostgreSQL the last UP health answer named (database {@code router}). */
    String embeddedDatabaseUrl() {
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(lastHealth);
        if (!m.find()) {
            throw new AssertionError("no database address in " + lastHealth);
        }
        return "jdbc:postgresql://127.0.0.1:" + m.group(1) + "/router";
    }

    /** The password of the embedded PostgreSQL's superuser {@code postgres} (generated at first start). */
    String embeddedSuperuserPassword() throws IOException {
        return Files.readString(data.resolve("postgres/superuser.password")).trim();
    }

    /** Starts and waits until {@code /api/health} is UP; returns the health answer. */
    String startAndAwaitUp() throws Exception {
        return awaitHealthUp(start());
    }

    String awaitHealthUp(Process router) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!router.isAlive()) {
                throw new AssertionError("the router exited: " + console());
            }
            try {
                HttpResponse<String> r = get("/api/health");
                last = r.body();
                if (r.statusCode() == 200 && last.contains("\"status\":\"UP\"")) {
                    lastHealth = last;
                    return last;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("health not UP within 120 s; last answer: " + last + "\n" + console());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Calls the REST API.
     *
     * @param method HTTP method
     * @param path e.g. {@code /api/routes}
     * @param apiKey sent as {@code X-API-Key}; {@code null} sends none
     * @param contentType of the body, or {@code null}
     * @param body request body, or {@code null}
     */
    HttpResponse<String> api(String method, String path, String apiKey, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Calls the REST API as the bootstrap admin with a JSON body (or none). */
    HttpResponse<String> admin(String method, String path, String json) throws IOException, InterruptedException {
        return api(method, path, ADMIN_API_KEY, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** Connects to the embedded PostgreSQL the last UP health answer named, as its superuser. */
    Connection connect() throws Exception {
        return connect(lastHealth);
    }

    Connection connect(String health) throws Exception {
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(health);
        if (!m.find()) {
            throw new AssertionError("no database address in " + health);
        }
        String password = Files.readString(data.resolve("postgres/superuser.password")).trim();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + m.group(1) + "/router", "postgres", password);
    }

    record Result(int exitCode, String output) {
    }

    /** Runs {@code ./router ARGS} and waits for it. */
    Result run(List<String> args, int timeoutSeconds) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        environment(pb);
        File out = File.createTempFile("launcher", ".txt", data.toFile());
        pb.redirectOutput(out);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
    }

    /** {@code ./router shell --data DIR COMMAND}: a Karaf shell command of this instance. */
    Result shell(String command) throws Exception {
        return run(List.of("shell", "--data", data.toString(), command), 60);
    }

    /** {@code ./router stop}: a clean stop; waits for the foreground process to end. */
    void stop() throws Exception {
        Result r = run(List.of("stop", "--data", data.toString()), 60);
        if (r.exitCode() != 0) {
            throw new AssertionError("./router stop failed: " + r.output());
        }
        if (current != null && !current.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the foreground process did not end after ./router stop");
        }
    }

    /** The Karaf JVM's process id ({@code DATA/karaf.pid}). */
    long karafPid() throws IOException {
        return Long.parseLong(Files.readString(data.resolve("karaf.pid")).trim());
    }

    /**
     * Crashes the router: SIGKILL to the Karaf JVM and, with {@code postgresToo}, to every process of its
     * embedded PostgreSQL (as a power cut or an OOM kill of the whole container would); otherwise the
     * postmaster survives its JVM, as after a JVM-only crash. Waits until the killed processes are gone.
     */
    void crash(boolean postgresToo) throws Exception {
        ProcessHandle karaf = ProcessHandle.of(karafPid())
                .orElseThrow(() -> new AssertionError("the Karaf JVM is not running"));
        List<ProcessHandle> victims = new ArrayList<>();
        victims.add(karaf);
        if (postgresToo) {
            victims.addAll(postgresProcesses());
        }
        for (ProcessHandle p : victims) {
            p.destroyForcibly(); // SIGKILL
        }
        for (ProcessHandle p : victims) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
        if (current != null && !current.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the launcher did not end after its JVM was killed");
        }
    }

    /** The postmaster of this instance's cluster ({@code postmaster.pid}) and its children, if it runs. */
    List<ProcessHandle> postgresProcesses() throws IOException {
        Optional<ProcessHandle> postmaster = postmaster();
        List<ProcessHandle> out = new ArrayList<>();
        postmaster.ifPresent(pm -> {
            out.add(pm);
            pm.descendants().forEach(out::add);
        });
        return out;
    }

    Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = data.resolve("postgres/pgdata/postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // a stale file may name a reused pid: only a postgres process counts
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    String console() {
        try {
            String s = Files.readString(data.resolve("console.txt"));
            return s.length() > 20_000 ? "..." + s.substring(s.length() - 20_000) : s;
        } catch (IOException e) {
            return "(no console output)";
        }
    }

    /**
     * Stops what is still running: a clean stop when the JVM lives, then any leftover process this instance
     * started (the launcher, and an orphaned postmaster after a crash).
     */
    @Override
    public void close() throws Exception {
        try {
            if (current != null && current.isAlive()) {
                run(List.of("stop", "--data", data.toString()), 60);
                current.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            for (Process p : started) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            Optional<ProcessHandle> pm = postmaster();
            if (pm.isPresent()) {
                pm.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown
                try {
                    pm.get().onExit().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    pm.get().destroyForcibly();
                }
            }
        }
    }
}
