package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.Assume;
import org.junit.Test;

/**
 * "Nothing acknowledged is ever lost", against the real distribution started with {@code ./router start}:
 * <ul>
 * <li>the Karaf JVM is killed with SIGKILL during ingest (twice, the destination down) and during forwarding
 * (twice, the second time while instances still come in); half of the crashes kill the embedded PostgreSQL too,
 * as a power cut would; the kill points are drawn from a fixed seed;</li>
 * <li>the destination (dcmtk storescp, bit-preserving) is down for the whole first phase: the retries show in
 * tracking, and everything arrives once it is up;</li>
 * <li>then PostgreSQL is killed under a running router: stores get failure statuses, none is a false success.</li>
 * </ul>
 * The ground truth is what each C-STORE got at the sender (the toolkit's SCU, one instance at a time). At the
 * end every acknowledged instance is at the destination with its data set byte-identical (SHA-256), at least
 * once (the engine is at-least-once: duplicates are counted and reported); no instance that got a failure
 * status, or could not be sent, is known to tracking; instances whose store got no answer (in flight at the
 * crash) may be either, and if tracking knows them they were delivered too.
 */
public class NoLossIT {

    private static final long SEED = 20261127L;
    private static final String ROUTE_AE = "NOLOSS";
    private static final int INSTANCES = 240;
    private static final int PER_STUDY = 30;
    private static final int PHASE_A = 150;

    private final StringBuilder story = new StringBuilder();

    @Test
    public void nothingAcknowledgedIsLostAcrossCrashesDestinationOutageAndDatabaseLoss() throws Exception {
        Assume.assumeTrue("dcmtk is installed by .ci/run", Storescp.installed());
        Path data = RouterProcess.newDataDirectory("noloss-");
        int dicomPort = RouterDistribution.freePort();
        Storescp scp = new Storescp(RouterDistribution.freePort(), data.resolve("storescp"));
        Path config = data.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "resilience:",
                "  max_retries: 50",
                "  retry_delay: 1",
                "  retention_days: 1",
                "destinations:",
                "  pacs:",
                "    type: dicom",
                "    ae_title: " + Storescp.AE_TITLE,
                "    host: 127.0.0.1",
                "    port: " + scp.port(),
                "    connect_timeout_seconds: 2",
                "routes:",
                "  - ae_title: " + ROUTE_AE,
                "    port: " + dicomPort,
                "    study_timeout_seconds: 2",
                "    destinations:",
                "      - destination: pacs",
                "        retry_count: 50",
                "        retry_delay_seconds: 1",
                ""));
        List<TestInstances.Instance> instances = TestInstances.generate(data.resolve("in"), "noloss", INSTANCES, PER_STUDY, 64);
        List<TestInstances.Instance> whileDbDown = TestInstances.generate(data.resolve("in-dbdown"), "nolossdb", 2, 2, 64);
        Random random = new Random(SEED);
        long t0 = System.nanoTime();

        try (RouterProcess router = new RouterProcess(data, config);
             RecordingSender sender = new RecordingSender(instances, ROUTE_AE, dicomPort);
             scp) {
            // A lease shorter than the default 60 s, so claims of a crashed run come back within the test's time.
            router.routingSettings(Map.of("leaseSeconds", "10"));
            Thread sending = new Thread(sender, "noloss-sender");

            // ---- Phase A: the destination is down; crashes during ingest
            router.startAndAwaitUp();
            note(t0, "router up; destination down; sending " + PHASE_A + " instances");
            sender.allowUpTo(PHASE_A);
            sending.start();
            int k1 = 15 + random.nextInt(30);
            await(() -> sender.acknowledged() >= k1, 60, "ingest to reach " + k1 + " acknowledgements", sender);
            router.crash(false);
            note(t0, "crash 1 (JVM only) during ingest after " + sender.acknowledged() + " acknowledged, k=" + k1);

            router.startAndAwaitUp();
            int k2 = sender.acknowledged() + 15 + random.nextInt(30);
            await(() -> sender.acknowledged() >= k2, 60, "ingest to reach " + k2 + " acknowledgements", sender);
            router.crash(true);
            note(t0, "crash 2 (JVM and PostgreSQL) during ingest after " + sender.acknowledged() + " acknowledged, k=" + k2);

            router.startAndAwaitUp();
            await(() -> sender.done() >= PHASE_A, 120, "the first " + PHASE_A + " instances to be sent", sender);
            String retrying = awaitRetriesVisible(router);
            note(t0, "phase A sent, " + sender.acknowledged() + " acknowledged; tracking shows retries: " + retrying);

            // ---- Phase B: the destination comes back; crashes during forwarding
            scp.start();
            int f1 = 10 + random.nextInt(40);
            await(() -> count(scp) >= f1, 90, "forwarding to reach " + f1 + " files", sender);
            router.crash(false);
            long atCrash3 = scp.fileCount();
            int acked3 = sender.acknowledged();
            note(t0, "crash 3 (JVM only) during forwarding: " + atCrash3 + " files at the destination of " + acked3
                    + " acknowledged, f=" + f1);
            assertTrue("the crash did not happen during forwarding (" + atCrash3 + " files of " + acked3 + ")",
                    atCrash3 < acked3);

            router.startAndAwaitUp();
            sender.allowUpTo(INSTANCES);
            long f2 = scp.fileCount() + 10 + random.nextInt(40);
            await(() -> count(scp) >= f2, 90, "forwarding to reach " + f2 + " files", sender);
            router.crash(true);
            note(t0, "crash 4 (JVM and PostgreSQL) during forwarding and ingest: " + scp.fileCount() + " files, "
                    + sender.acknowledged() + " acknowledged, " + sender.done() + " sent, f=" + f2);

            router.startAndAwaitUp();
            await(() -> sender.done() >= INSTANCES, 120, "every instance to be sent", sender);
            sending.join(10_000);
            awaitDelivered(router, scp, sender.results(), instances);
            note(t0, "all acknowledged instances delivered");

            // ---- Phase C: PostgreSQL dies under a running router
            List<ProcessHandle> postgres = router.postgresProcesses();
            assertTrue("no PostgreSQL process found for " + data, !postgres.isEmpty());
            postgres.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : postgres) {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            Map<Integer, RecordingSender.Result> dbDown;
            try (RecordingSender s2 = new RecordingSender(whileDbDown, ROUTE_AE, dicomPort)) {
                s2.allowUpTo(whileDbDown.size());
                s2.run();
                dbDown = s2.results();
            }
            note(t0, "PostgreSQL killed; stores while it is down: " + dbDown);
            assertEquals("the first store after PostgreSQL died: " + dbDown, RecordingSender.Outcome.FAILED_STATUS,
                    dbDown.get(0).outcome());
            assertEquals(0xA700, dbDown.get(0).status());
            router.crash(false);
            router.startAndAwaitUp();
            note(t0, "restarted after the database loss");

            // ---- Verdict
            Map<Integer, RecordingSender.Result> results = sender.results();
            List<TestInstances.Instance> all = new ArrayList<>(instances);
            Map<Integer, RecordingSender.Result> allResults = new HashMap<>(results);
            for (int i = 0; i < whileDbDown.size(); i++) {
                all.add(whileDbDown.get(i));
                allResults.put(INSTANCES + i, dbDown.get(i));
            }
            List<TestInstances.Instance> allIndexed = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                TestInstances.Instance in = all.get(i);
                allIndexed.add(new TestInstances.Instance(i, in.sopInstanceUid(), in.studyInstanceUid(), in.file(),
                        in.datasetSha256()));
            }
            awaitDelivered(router, scp, allResults, allIndexed);
            verdict(router, scp, allResults, allIndexed);
            note(t0, "done");
        } finally {
            System.out.println("NoLossIT story:\n" + story);
        }
    }

    private void verdict(RouterProcess router, Storescp scp, Map<Integer, RecordingSender.Result> results,
            List<TestInstances.Instance> instances) throws Exception {
        Map<String, List<String>> received = scp.received();
        Set<String> tracked = new HashSet<>();
        Set<String> spooled = new HashSet<>();
        try (Connection c = router.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT sop_instance_uid FROM transfer_instances")) {
                while (rs.next()) {
                    tracked.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT sop_instance_uid FROM spool_files")) {
                while (rs.next()) {
                    spooled.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT status, count(*) FROM transfer_instances GROUP BY status")) {
                Map<String, Long> byStatus = new TreeMap<>();
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }
                note(-1, "transfer_instances by status: " + byStatus);
                assertEquals("every tracked instance is delivered: " + byStatus, Set.of("DONE"), byStatus.keySet());
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE state <> 'DONE'), count(*),"
                    + " max(attempts) FROM delivery_queue")) {
                rs.next();
                assertEquals("delivery_queue rows not DONE", 0, rs.getLong(1));
                note(-1, "delivery_queue: " + rs.getLong(2) + " rows, all DONE, max attempts " + rs.getInt(3));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE attempts >= 2), count(*),"
                    + " count(*) FILTER (WHERE status = 'DONE') FROM transfers")) {
                rs.next();
                note(-1, "transfers: " + rs.getLong(2) + ", " + rs.getLong(3) + " DONE, " + rs.getLong(1)
                        + " with attempts >= 2");
                assertTrue("the outage's retries are kept in transfers.attempts", rs.getLong(1) > 0);
            }
            try (ResultSet rs = s.executeQuery("SELECT action, count(*) FROM audit_log WHERE action LIKE 'instance.%'"
                    + " GROUP BY action ORDER BY action")) {
                Map<String, Long> actions = new TreeMap<>();
                while (rs.next()) {
                    actions.put(rs.getString(1), rs.getLong(2));
                }
                note(-1, "audit_log: " + actions);
                assertTrue("retries in audit_log: " + actions, actions.getOrDefault("instance.retry_scheduled", 0L) > 0);
            }
        }
        Map<RecordingSender.Outcome, Integer> outcomes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int duplicates = 0;
        int inDoubtTracked = 0;
        Map<String, TestInstances.Instance> byUid = new HashMap<>();
        for (TestInstances.Instance in : instances) {
            byUid.put(in.sopInstanceUid(), in);
            RecordingSender.Result r = results.get(in.index());
            if (r == null) {
                problems.add("instance " + in.index() + " has no recorded outcome");
                continue;
            }
            outcomes.merge(r.outcome(), 1, Integer::sum);
            List<String> copies = received.getOrDefault(in.sopInstanceUid(), List.of());
            if (r.outcome() == RecordingSender.Outcome.ACKNOWLEDGED) {
                if (!copies.contains(in.datasetSha256())) {
                    problems.add("acknowledged instance " + in.index() + " " + in.sopInstanceUid()
                            + " is not at the destination intact (copies: " + copies + ")");
                }
                if (!tracked.contains(in.sopInstanceUid())) {
                    problems.add("acknowledged instance " + in.index() + " is not in transfer_instances");
                }
            } else if (r.outcome() == RecordingSender.Outcome.NO_RESPONSE) {
                // in doubt: the router may have committed it just before it died
                if (tracked.contains(in.sopInstanceUid())) {
                    inDoubtTracked++;
                    if (!copies.contains(in.datasetSha256())) {
                        problems.add("in-doubt instance " + in.index() + " is tracked but not delivered intact");
                    }
                }
            } else {
                if (tracked.contains(in.sopInstanceUid()) || spooled.contains(in.sopInstanceUid())) {
                    problems.add(r.outcome() + " instance " + in.index() + " (" + r + ") is reported as received");
                }
                if (!copies.isEmpty()) {
                    problems.add(r.outcome() + " instance " + in.index() + " reached the destination");
                }
            }
            duplicates += Math.max(0, copies.size() - 1);
        }
        for (Map.Entry<String, List<String>> e : received.entrySet()) {
            TestInstances.Instance in = byUid.get(e.getKey());
            if (in == null) {
                problems.add("the destination holds an unknown instance " + e.getKey());
                continue;
            }
            for (String h : e.getValue()) {
                if (!h.equals(in.datasetSha256())) {
                    problems.add("a copy of instance " + in.index() + " differs from what was sent");
                }
            }
        }
        long quarantined = 0;
        Path quarantine = router.data().resolve("spool/quarantine");
        if (Files.isDirectory(quarantine)) {
            try (Stream<Path> w = Files.walk(quarantine)) {
                quarantined = w.filter(Files::isRegularFile).count();
            }
        }
        note(-1, "sender outcomes " + outcomes + "; in doubt and tracked (delivered): " + inDoubtTracked
                + "; duplicate deliveries: " + duplicates + "; files quarantined at recovery: " + quarantined);
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s):\n  " + String.join("\n  ", problems) + "\n" + story);
        }
        assertTrue("not enough acknowledged instances for the test to mean something: " + outcomes,
                outcomes.getOrDefault(RecordingSender.Outcome.ACKNOWLEDGED, 0) > INSTANCES / 2);
    }

    /** Waits until every acknowledged instance is at the destination intact and the queue holds nothing to do. */
    private void awaitDelivered(RouterProcess router, Storescp scp, Map<Integer, RecordingSender.Result> results,
            List<TestInstances.Instance> instances) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Map<String, List<String>> received = scp.received();
            long missing = instances.stream()
                    .filter(in -> results.get(in.index()) != null
                            && results.get(in.index()).outcome() == RecordingSender.Outcome.ACKNOWLEDGED)
                    .filter(in -> !received.getOrDefault(in.sopInstanceUid(), List.of()).contains(in.datasetSha256()))
                    .count();
            long open;
            try (Connection c = router.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM delivery_queue WHERE state IN ('PENDING', 'IN_PROGRESS')")) {
                rs.next();
                open = rs.getLong(1);
            }
            last = missing + " acknowledged instance(s) missing, " + open + " queue row(s) open";
            if (missing == 0 && open == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not delivered within 150 s: " + last + "\n" + story + "\nstorescp log:\n" + scp.log());
    }

    /** Polls the database until transfers are RETRYING with more than one attempt; returns one such row. */
    private static String awaitRetriesVisible(RouterProcess router) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = router.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT t.id, t.status, t.attempts, t.error_message,"
                         + " (SELECT count(*) FROM audit_log WHERE action = 'instance.retry_scheduled')"
                         + " FROM transfers t WHERE t.status = 'RETRYING' AND t.attempts >= 2 ORDER BY t.attempts DESC LIMIT 1")) {
                if (rs.next()) {
                    String error = rs.getString(4);
                    assertTrue("a retrying transfer says why: " + error, error != null && !error.isBlank());
                    assertTrue("retries are in the audit log", rs.getLong(5) > 0);
                    return "transfer " + rs.getLong(1) + " " + rs.getString(2) + " attempts " + rs.getInt(3) + " error '"
                            + error + "', " + rs.getLong(5) + " retry_scheduled audit rows";
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no transfer shows retries within 60 s while the destination is down");
    }

    private static long count(Storescp scp) {
        try {
            return scp.fileCount();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void await(BooleanSupplier condition, int seconds, String what, RecordingSender sender)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (sender.failure() != null) {
                throw new AssertionError("the sender failed while waiting for " + what, sender.failure());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    private void note(long t0, String line) {
        String time = t0 < 0 ? "      " : String.format("%5.1fs", (System.nanoTime() - t0) / 1e9);
        story.append(time).append(' ').append(line).append('\n');
    }
}
