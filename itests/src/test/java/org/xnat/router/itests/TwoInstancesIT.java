package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Assume;
import org.junit.Test;

/**
 * Two router processes on one database: A with its embedded PostgreSQL, B pointed at A's database as an external
 * server (URL and user through Karaf's environment overrides, the password only in B's environment). A route added
 * through A's REST API is listening on B within seconds (dcmtk storescu to B's address), and disabling it through A
 * makes B refuse. B binds its routes to 127.0.0.2 (loopback too) so that both instances can listen on the same route
 * ports on one host.
 */
public class TwoInstancesIT {

    private static final String A_ADDRESS = "127.0.0.1";
    private static final String B_ADDRESS = "127.0.0.2";
    private static final String NEW_AE = "LIVEROUTE";

    @Test
    public void aRouteAddedThroughAListensOnBAndDisablingItThroughAMakesBRefuse() throws Exception {
        Assume.assumeTrue("dcmtk is installed by .ci/run", Storescp.installed());
        Assume.assumeTrue("127.0.0.2 is usable on this host", canBind(B_ADDRESS));
        Path dataA = RouterProcess.newDataDirectory("two-a-");
        Path dataB = RouterProcess.newDataDirectory("two-b-");
        Path received = dataA.resolve("two-received");
        int basePort = RouterDistribution.freePort();
        int newPort = RouterDistribution.freePort();
        // both start from this file: A imports it into the store, B finds it already imported (same content)
        Path config = dataA.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "destinations:",
                "  files:",
                "    type: file",
                "    path: " + received,
                "routes:",
                "  - ae_title: BASE",
                "    port: " + basePort,
                "    destinations: [files]",
                ""));
        List<TestInstances.Instance> instances = TestInstances.generate(dataA.resolve("in"), "twoinst", 2, 1, 32);

        try (RouterProcess a = new RouterProcess(dataA, config); RouterProcess b = new RouterProcess(dataB, config)) {
            a.routingSettings(Map.of("bindAddress", A_ADDRESS));
            a.startAndAwaitUp();

            b.routingSettings(Map.of("bindAddress", B_ADDRESS));
            b.environment("ORG_XNAT_ROUTER_PERSISTENCE_MODE", "external");
            b.environment("ORG_XNAT_ROUTER_PERSISTENCE_URL", a.embeddedDatabaseUrl());
            b.environment("ORG_XNAT_ROUTER_PERSISTENCE_USER", "postgres");
            b.environment("ORG_XNAT_ROUTER_PERSISTENCE_PASSWORD", a.embeddedSuperuserPassword());
            String healthB = b.startAndAwaitUp();
            assertTrue("B uses A's database as an external server: " + healthB, healthB.contains("external"));
            assertFalse("B runs no PostgreSQL of its own", Files.exists(dataB.resolve("postgres/pgdata/postmaster.pid")));
            assertTrue("B's base route listens on " + B_ADDRESS, accepts(B_ADDRESS, basePort));
            assertFalse(accepts(B_ADDRESS, newPort));

            // add the route through A
            HttpResponse<String> created = a.admin("POST", "/api/routes", "{\"ae_title\": \"" + NEW_AE + "\", \"port\": "
                    + newPort + ", \"study_timeout_seconds\": 1, \"destinations\": [\"files\"]}");
            assertEquals(created.body(), 201, created.statusCode());

            long added = System.nanoTime();
            String sent = awaitStore(B_ADDRESS, newPort, instances.get(0).file(), 20);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - added);
            assertTrue("B accepted the C-STORE on the new route within seconds (" + seconds + " s): " + sent,
                    sent.contains("Received Store Response (Success)"));
            // recorded on the shared database under the new route
            try (Connection c = a.connect()) {
                assertEquals(1, count(c, "SELECT count(*) FROM transfer_instances ti JOIN transfers t ON"
                        + " t.id = ti.transfer_id WHERE t.route_ae = ? AND ti.sop_instance_uid = ?", NEW_AE,
                        instances.get(0).sopInstanceUid()));
            }

            // disable it through A: B stops accepting associations on that port
            HttpResponse<String> disabled = a.admin("POST", "/api/routes/" + NEW_AE + "/disable", null);
            assertEquals(disabled.body(), 200, disabled.statusCode());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (accepts(B_ADDRESS, newPort) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertFalse("B refuses connections on the disabled route's port", accepts(B_ADDRESS, newPort));
            String refused = storescu(B_ADDRESS, newPort, instances.get(1).file());
            assertFalse(refused, refused.contains("Success"));
            assertFalse("A does not listen either", accepts(A_ADDRESS, newPort));
            // the rest goes on
            assertTrue(accepts(B_ADDRESS, basePort));
            String routesB = b.shell("router:routes").output();
            assertTrue(routesB, routesB.contains(NEW_AE));
        }
    }

    /** Sends until the store succeeds or the time is up (the route appears on B after a poll of the store). */
    private static String awaitStore(String host, int port, Path file, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String out = "";
        while (System.nanoTime() < deadline) {
            if (accepts(host, port)) {
                out = storescu(host, port, file);
                if (out.contains("Received Store Response (Success)")) {
                    return out;
                }
            }
            Thread.sleep(200);
        }
        return out;
    }

    private static String storescu(String host, int port, Path file) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-aet", "SENDER", "-aec", NEW_AE, host,
                String.valueOf(port), file.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("storescu did not finish within 60 s: " + out);
        }
        return out;
    }

    private static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBind(String address) {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long count(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
