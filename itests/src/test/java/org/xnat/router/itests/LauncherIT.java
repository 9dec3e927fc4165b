package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code ./router} as a user runs it: start in the foreground on the built distribution, health UP
 * with the embedded database, the web console closed without credentials, data surviving a
 * stop/start, and clear refusals for a busy port and an invalid configuration.
 */
public class LauncherIT {

    private Path data;
    private int dicomPort;
    private Path config;
    private RouterProcess router;

    @Before
    public void setUp() throws IOException {
        data = RouterProcess.newDataDirectory("launcher-data-");
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
        router = new RouterProcess(data, config);
    }

    @After
    public void tearDown() throws Exception {
        router.close();
    }

    @Test
    public void startsAnswersHealthKeepsDataAcrossRestart() throws Exception {
        Process started = router.start();
        String health = router.awaitHealthUp(started);
        assertTrue(health, health.contains("\"database\":{\"status\":\"UP\""));
        assertTrue("the instance's data directory holds the database", Files.isDirectory(data.resolve("postgres/pgdata")));
        assertTrue("logs go to DATA/log", Files.isRegularFile(data.resolve("log/karaf.log")));
        assertEquals(401, router.get("/system/console/bundles").statusCode());

        String marker = "launcher-it-" + System.nanoTime();
        try (Connection c = router.connect(health); Statement s = c.createStatement()) {
            s.executeUpdate("insert into settings(key, value) values ('" + marker + "', '\"kept\"'::jsonb)");
        }
        RouterProcess.Result stop = router.run(List.of("stop", "--data", data.toString()), 60);
        assertEquals(stop.output(), 0, stop.exitCode());
        assertTrue("the foreground process ends on stop", started.waitFor(30, TimeUnit.SECONDS));

        String health2 = router.awaitHealthUp(router.start());
        try (Connection c = router.connect(health2); Statement s = c.createStatement();
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
        router.startAndAwaitUp();
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
        assertEquals("delivered files under " + received + "\n" + router.console(), 1, files.size());
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
            RouterProcess.Result r = router.run(List.of("start", "--data", data.toString(), "--http-port",
                    String.valueOf(busy.getLocalPort())), 60);
            assertNotEquals(0, r.exitCode());
            assertTrue(r.output(), r.output().contains("HTTP port " + busy.getLocalPort() + " is already in use"));
        }
    }

    @Test
    public void anInvalidConfigurationStopsTheStart() throws Exception {
        Path config = data.resolve("bad.yaml");
        Files.writeString(config, "routes:\n  - ae_title: ROUTER\n    port: 11112\n    destinations:\n      - destination: nowhere\n");
        RouterProcess.Result r = router.run(List.of("start", "--data", data.toString(), "--http-port",
                String.valueOf(router.httpPort()), "--config", config.toString()), 120);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output(), r.output().contains("bad.yaml:5"));
        assertTrue(r.output(), r.output().contains("routes[0].destinations[0].destination"));
        assertTrue(r.output(), r.output().contains("not starting"));
    }
}
