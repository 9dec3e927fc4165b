package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code ./router} as a user runs it: start in the foreground on the built distribution, health UP
 * with the embedded database, the web console closed without credentials, data surviving a
 * stop/start, and clear refusals for a busy port and an invalid configuration.
 */
public class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = ROOT.resolve("router");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private Path data;
    private int httpPort;
    private int sshPort;
    private int dicomPort;
    private Path config;
    private final List<Process> started = new ArrayList<>();

    @Before
    public void setUp() throws IOException {
        data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "launcher-data-");
        httpPort = RouterDistribution.freePort();
        sshPort = RouterDistribution.freePort();
        dicomPort = RouterDistribution.freePort();
        config = data.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "destinations:",
                "  received: !<file>",
                "    path: " + data.resolve("received"),
                "    directory_pattern: \"{PatientID}/{StudyInstanceUID}\"",
                "routes:",
                "  - ae_title: LAUNCHER",
                "    port: " + dicomPort,
                "    study_timeout_seconds: 2",
                "    destinations:",
                "      - destination: received",
                ""));
    }

    @After
    public void tearDown() throws Exception {
        run(List.of("stop", "--data", data.toString()), 60);
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    @Test
    public void startsAnswersHealthKeepsDataAcrossRestart() throws Exception {
        Process router = start();
        String health = awaitHealthUp(router);
        assertTrue(health, health.contains("\"database\":{\"status\":\"UP\""));
        assertTrue("the instance's data directory holds the database", Files.isDirectory(data.resolve("postgres/pgdata")));
        assertTrue("logs go to DATA/log", Files.isRegularFile(data.resolve("log/karaf.log")));
        assertEquals(401, get("/system/console/bundles").statusCode());

        String marker = "launcher-it-" + System.nanoTime();
        try (Connection c = connect(health); Statement s = c.createStatement()) {
            s.executeUpdate("insert into settings(key, value) values ('" + marker + "', '\"kept\"'::jsonb)");
        }
        Result stop = run(List.of("stop", "--data", data.toString()), 60);
        assertEquals(stop.output, 0, stop.exitCode);
        assertTrue("the foreground process ends on stop", router.waitFor(30, TimeUnit.SECONDS));

        Process again = start();
        String health2 = awaitHealthUp(again);
        try (Connection c = connect(health2); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select value #>> '{}' from settings where key = '" + marker + "'")) {
            assertTrue("the row written before the restart is gone", rs.next());
            assertEquals("kept", rs.getString(1));
        }
    }

    @Test
    public void receivesAndDeliversThroughTheRunningDistribution() throws Exception {
        Path storescu = Path.of("/usr/bin/storescu");
        Path ct = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");
        org.junit.Assume.assumeTrue("dcmtk and pydicom's corpus are installed by .ci/run",
                Files.isExecutable(storescu) && Files.isRegularFile(ct));
        awaitHealthUp(start());
        ProcessBuilder pb = new ProcessBuilder(storescu.toString(), "-aet", "LAUNCHER_IT", "-aec", "LAUNCHER",
                "127.0.0.1", String.valueOf(dicomPort), ct.toString()).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process send = pb.start();
        String sent = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("storescu did not finish", send.waitFor(60, TimeUnit.SECONDS));
        assertEquals(sent, 0, send.exitValue());

        Path received = data.resolve("received");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Path> files = List.of();
        while (System.nanoTime() < deadline && files.isEmpty()) {
            Thread.sleep(250);
            if (Files.isDirectory(received)) {
                try (var walk = Files.walk(received)) {
                    files = walk.filter(f -> f.toString().endsWith(".dcm") && !f.toString().contains(".router-tmp")).toList();
                }
            }
        }
        assertEquals("delivered files under " + received + "\n" + console(), 1, files.size());
        // Every element of the dataset, pixel data included, as dcmtk reads it.
        assertEquals(datasetDump(ct), datasetDump(files.get(0)));
    }

    /**
     * dcmdump of the dataset: the meta header is the router's own, storescu drops the trailing
     * padding (FFFC,FFFC) and group lengths may be recomputed on the way, so those are left out.
     */
    private static List<String> datasetDump(Path file) throws Exception {
        Process p = new ProcessBuilder("dcmdump", "+L", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.lines().map(String::strip)
                .filter(l -> l.startsWith("("))
                .filter(l -> !l.startsWith("(0002,") && !l.startsWith("(fffc,fffc)") && !l.matches("\\([0-9a-f]{4},0000\\).*"))
                .toList();
    }

    @Test
    public void aBusyHttpPortIsRefusedByName() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = run(List.of("start", "--data", data.toString(), "--http-port", String.valueOf(busy.getLocalPort())), 60);
            assertNotEquals(0, r.exitCode);
            assertTrue(r.output, r.output.contains("HTTP port " + busy.getLocalPort() + " is already in use"));
        }
    }

    @Test
    public void anInvalidConfigurationStopsTheStart() throws Exception {
        Path config = data.resolve("bad.yaml");
        Files.writeString(config, "routes:\n  - ae_title: ROUTER\n    port: 11112\n    destinations:\n      - destination: nowhere\n");
        Result r = run(List.of("start", "--data", data.toString(), "--http-port", String.valueOf(httpPort),
                "--config", config.toString()), 120);
        assertNotEquals(0, r.exitCode);
        assertTrue(r.output, r.output.contains("bad.yaml:5"));
        assertTrue(r.output, r.output.contains("routes[0].destinations[0].destination"));
        assertTrue(r.output, r.output.contains("not starting"));
    }

    private Process start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "start", "--data", data.toString(),
                "--http-port", String.valueOf(httpPort), "--ssh-port", String.valueOf(sshPort),
                "--config", config.toString());
        pb.environment().put("ROUTER_NO_BUILD", "1");
        pb.environment().put("ROUTER_ADMIN_PASSWORD", "launcher-it-secret");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("console.txt").toFile()));
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private String awaitHealthUp(Process router) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            assertTrue("the router exited: " + console(), router.isAlive());
            try {
                HttpResponse<String> r = get("/api/health");
                last = r.body();
                if (r.statusCode() == 200 && last.contains("\"status\":\"UP\"")) {
                    return last;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("health not UP within 120 s; last answer: " + last + "\n" + console());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Connects to the embedded PostgreSQL the health detail names, as its superuser. */
    private Connection connect(String health) throws Exception {
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(health);
        assertTrue(health, m.find());
        String password = Files.readString(data.resolve("postgres/superuser.password")).trim();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + m.group(1) + "/router", "postgres", password);
    }

    private String console() {
        try {
            return Files.readString(data.resolve("console.txt"));
        } catch (IOException e) {
            return "(no console output)";
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(List<String> args, int timeoutSeconds) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ROUTER_NO_BUILD", "1");
        File out = File.createTempFile("launcher", ".txt", data.toFile());
        pb.redirectOutput(out);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
    }
}
