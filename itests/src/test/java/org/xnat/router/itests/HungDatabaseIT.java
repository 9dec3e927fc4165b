package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Assume;
import org.junit.Test;

/**
 * The real distribution with its embedded PostgreSQL hung (SIGSTOP on the postmaster and all its processes, as a
 * frozen VM or a network partition looks to the router): storescu gets "Refused: OutOfResources" (A700) within the
 * bound set by the database timeouts, which come from the environment (Karaf's overrides of
 * {@code org.xnat.router.persistence}); {@code /api/health} says the database is DOWN within seconds; after SIGCONT
 * the next store succeeds, is delivered, and the health is UP again. No restart.
 */
public class HungDatabaseIT {

    private static final Path STORESCU = Path.of("/usr/bin/storescu");
    private static final int CONNECTION_WAIT = 2;
    private static final int STORE = 3;
    private static final double STORE_BOUND = 1.5 * CONNECTION_WAIT + STORE;

    private RouterProcess router;
    private List<ProcessHandle> frozen = List.of();

    @After
    public void tearDown() throws Exception {
        thaw();
        if (router != null) {
            router.close();
        }
    }

    @Test
    public void aHungDatabaseGetsSendersA700WithinTheBoundAndTheRouterResumes() throws Exception {
        Assume.assumeTrue("dcmtk is installed by .ci/run",
                Files.isExecutable(STORESCU));
        Path data = RouterProcess.newDataDirectory("hungdb-");
        int dicomPort = RouterDistribution.freePort();
        Path config = data.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "destinations:",
                "  files:",
                "    type: file",
                "    path: " + data.resolve("received"),
                "routes:",
                "  - ae_title: HUNGDB",
                "    port: " + dicomPort,
                "    destinations: [files]",
                ""));
        router = new RouterProcess(data, config);
        router.environment("ORG_XNAT_ROUTER_PERSISTENCE_CONNECTIONWAITSECONDS", String.valueOf(CONNECTION_WAIT));
        router.environment("ORG_XNAT_ROUTER_PERSISTENCE_STORETIMEOUTSECONDS", String.valueOf(STORE));
        List<TestInstances.Instance> instances = TestInstances.generate(data.resolve("instances"), "hungdb", 3, 3, 16);
        Process started = router.start();
        router.awaitHealthUp(started);
        assertTrue("the timeouts from the environment are in effect:\n" + karafLog(data),
                karafLog(data).contains("connection wait " + CONNECTION_WAIT + " s, store " + STORE + " s"));

        assertEquals("Success", send(dicomPort, instances.get(0).file()).status());
        awaitDelivered(data, 1);

        frozen = router.postgresProcesses();
        assertTrue("the embedded PostgreSQL runs", !frozen.isEmpty());
        signal("STOP", frozen);
        long start = System.nanoTime();
        Sent refused = send(dicomPort, instances.get(1).file());
        double took = seconds(start);
        assertEquals(refused.output, "Refused: OutOfResources", refused.status());
        assertTrue("A700 after " + took + " s, bound " + STORE_BOUND + " s", took < 3 * STORE_BOUND);

        start = System.nanoTime();
        String health = router.get("/api/health").body();
        assertTrue("health answered in " + seconds(start) + " s", seconds(start) < 10);
        assertTrue(health, health.matches("(?s).*\"database\"\\s*:\\s*\\{\\s*\"status\"\\s*:\\s*\"DOWN\".*"));

        thaw();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (System.nanoTime() < deadline && !"Success".equals(status)) {
            status = send(dicomPort, instances.get(1).file()).status();
        }
        assertEquals("a store succeeds once the database runs again", "Success", status);
        assertEquals("Success", send(dicomPort, instances.get(2).file()).status());
        awaitDelivered(data, 3);
        router.awaitHealthUp(started);
    }

    private void thaw() throws Exception {
        if (!frozen.isEmpty()) {
            signal("CONT", frozen);
            frozen = List.of();
        }
    }

    private record Sent(String status, String output) {
    }

    private static Sent send(int port, Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(STORESCU.toString(), "-v", "-aet", "HUNGDB_IT", "-aec", "HUNGDB",
                "127.0.0.1", String.valueOf(port), file.toString()).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("storescu (" + file + ") did not finish", p.waitFor(120, TimeUnit.SECONDS));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Received Store Response \\(([^)]*)\\)").matcher(out);
        return new Sent(m.find() ? m.group(1) : "no response", out);
    }

    private static void awaitDelivered(Path data, int count) throws Exception {
        Path received = data.resolve("received");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int found = 0;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(received)) {
                try (var walk = Files.walk(received)) {
                    found = (int) walk.filter(f -> f.toString().endsWith(".dcm") && !f.toString().contains(".router-tmp"))
                            .count();
                }
            }
            if (found >= count) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(found + " file(s) delivered under " + received + ", expected " + count);
    }

    private static String karafLog(Path data) throws Exception {
        Path log = data.resolve("log/karaf.log");
        return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(p -> cmd.add(Long.toString(p.pid())));
        Process kill = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
