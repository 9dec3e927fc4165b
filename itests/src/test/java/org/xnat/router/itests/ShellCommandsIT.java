package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Assume;
import org.junit.Test;

/**
 * The router's Karaf commands as an operator runs them, {@code ./router shell --data DIR "router:..."} against a
 * running distribution: one route to a live storescp and to a destination whose peer is down (no retries, so its
 * transfer fails at once), then the peer comes up and {@code router:retry} delivers the dead letters.
 */
public class ShellCommandsIT {

    private static final String ROUTE_AE = "SHELLIT";

    @Test
    public void routesDestinationsEchoTransfersAndRetry() throws Exception {
        Assume.assumeTrue("dcmtk is installed by .ci/run", Storescp.installed());
        Path data = RouterProcess.newDataDirectory("shell-");
        int dicomPort = RouterDistribution.freePort();
        int livePort = RouterDistribution.freePort();
        int deadPort = RouterDistribution.freePort();
        Path config = data.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "destinations:",
                "  live:",
                "    type: dicom",
                "    ae_title: " + Storescp.AE_TITLE,
                "    host: 127.0.0.1",
                "    port: " + livePort,
                "  dead:",
                "    type: dicom",
                "    ae_title: " + Storescp.AE_TITLE,
                "    host: 127.0.0.1",
                "    port: " + deadPort,
                "    connect_timeout_seconds: 2",
                "routes:",
                "  - ae_title: " + ROUTE_AE,
                "    port: " + dicomPort,
                "    study_timeout_seconds: 1",
                "    destinations:",
                "      - destination: live",
                "      - destination: dead",
                "        retry_count: 0",
                ""));
        List<TestInstances.Instance> instances = TestInstances.generate(data.resolve("in"), "shellit", 3, 3, 32);
        String study = instances.get(0).studyInstanceUid();
        try (RouterProcess router = new RouterProcess(data, config);
             Storescp live = new Storescp(livePort, data.resolve("live")).start();
             Storescp revived = new Storescp(deadPort, data.resolve("dead"))) {
            router.startAndAwaitUp();

            List<List<String>> routes = table(shell(router, "router:routes"));
            assertEquals(routes.toString(), 1, routes.size());
            assertEquals(List.of(ROUTE_AE, String.valueOf(dicomPort), "yes", "yes", "live, dead"),
                    routes.get(0).subList(0, 5));

            List<List<String>> destinations = table(shell(router, "router:destinations"));
            assertEquals(destinations.toString(), 2, destinations.size());
            for (List<String> d : destinations) {
                assertTrue(d.toString(), d.get(0).equals("live") || d.get(0).equals("dead"));
                assertEquals(d.toString(), List.of("dicom", "instance", "yes", "0", "0", "0"), d.subList(1, 7));
            }

            String echoLive = shell(router, "router:echo live");
            assertTrue(echoLive, echoLive.strip().startsWith("live: UP ("));
            String echoDead = shell(router, "router:echo dead");
            assertTrue(echoDead, echoDead.strip().startsWith("dead: DOWN ("));
            assertTrue("the echo says why: " + echoDead, echoDead.contains("127.0.0.1:" + deadPort)
                    && echoDead.toLowerCase(java.util.Locale.ROOT).contains("refused"));

            try (RecordingSender sender = new RecordingSender(instances, ROUTE_AE, dicomPort)) {
                sender.allowUpTo(instances.size());
                sender.run();
                for (Map.Entry<Integer, RecordingSender.Result> r : sender.results().entrySet()) {
                    assertEquals(r.toString(), RecordingSender.Outcome.ACKNOWLEDGED, r.getValue().outcome());
                }
            }

            // live: delivered and, after the quiet time, done; dead: no retries allowed, so failed
            List<String> done = awaitTransfer(router, "router:transfers --status done --destination live");
            assertEquals(done.toString(), List.of(ROUTE_AE, study, "live", "done", "3", "3", "0"), done.subList(1, 8));
            assertEquals(3, live.fileCount());
            List<String> failed = awaitTransfer(router, "router:transfers --status failed");
            assertEquals(failed.toString(), List.of(ROUTE_AE, study, "dead", "failed", "3", "0", "3"),
                    failed.subList(1, 8));
            assertEquals("one attempt, no retry: " + failed, "1", failed.get(9));
            // the column is cut at 60 characters
            assertTrue("the last error names the destination and peer: " + failed,
                    failed.get(12).startsWith("Destination 'dead':") && failed.get(12).contains("not stored on STORESCP"));
            List<List<String>> dead = table(shell(router, "router:destinations"));
            assertTrue(dead.toString(), dead.stream().anyMatch(d -> d.get(0).equals("dead") && d.get(6).equals("3")));

            String id = failed.get(0);
            assertEquals("No transfer 987654321", shell(router, "router:retry 987654321").strip());
            revived.start();
            assertEquals("Transfer " + id + ": 3 instance(s) queued again", shell(router, "router:retry " + id).strip());
            List<String> retried = awaitTransfer(router, "router:transfers --status done --destination dead");
            assertEquals(retried.toString(), id, retried.get(0));
            assertEquals(retried.toString(), List.of("3", "3", "0"), retried.subList(5, 8));
            assertEquals(3, revived.fileCount());
            assertEquals("Transfer " + id + " has no failed instances to retry",
                    shell(router, "router:retry " + id).strip());
            assertEquals(List.of(), table(shell(router, "router:transfers --status failed")));
        }
    }

    private static String shell(RouterProcess router, String command) throws Exception {
        RouterProcess.Result r = router.shell(command);
        assertEquals(command + ": " + r.output(), 0, r.exitCode());
        return r.output();
    }

    /** Waits (30 s) until the command's table has exactly one row; returns it. */
    private static List<String> awaitTransfer(RouterProcess router, String command) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String out = "";
        while (System.nanoTime() < deadline) {
            out = shell(router, command);
            List<List<String>> rows = table(out);
            if (rows.size() == 1) {
                return rows.get(0);
            }
            Thread.sleep(500);
        }
        throw new AssertionError(command + " did not list one transfer within 30 s:\n" + out + "\nall transfers:\n"
                + shell(router, "router:transfers") + "\n" + shell(router, "router:destinations"));
    }

    /** The data rows of a Karaf ShellTable: cells split at {@code |}, trimmed; header and rule lines left out. */
    static List<List<String>> table(String output) {
        List<List<String>> rows = new ArrayList<>();
        boolean header = true;
        for (String line : output.split("\\R")) {
            if (!line.contains("|")) {
                continue;
            }
            if (header) {
                header = false; // the first line with cells names the columns
                continue;
            }
            if (line.replaceAll("[-+|\\s]", "").isEmpty()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.split("\\|", -1)) {
                cells.add(cell.strip());
            }
            rows.add(cells);
        }
        return rows;
    }
}
