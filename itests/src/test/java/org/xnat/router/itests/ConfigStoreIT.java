package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.Test;

/**
 * The configuration store in the running distribution: the --config file is imported at the first start, not
 * again while it is unchanged, again when it changed; the router:config-* commands show, diff, export and roll
 * back versions; every version has its audit row.
 */
public class ConfigStoreIT {

    @Test
    public void fileImportAtStartAndTheShellCommands() throws Exception {
        Path data = RouterProcess.newDataDirectory("configstore-");
        int port = RouterDistribution.freePort();
        Path config = data.resolve("config.yaml");
        Files.writeString(config, config(port));
        try (RouterProcess router = new RouterProcess(data, config)) {
            router.startAndAwaitUp();
            awaitVersions(router, 1);
            awaitHealthOf(router, "\"configuration\":{\"status\":\"UP\",\"detail\":\"version 1\"}");

            List<List<String>> history = ShellCommandsIT.table(shell(router, "router:config-history"));
            assertEquals(history.toString(), 1, history.size());
            assertEquals("1", history.get(0).get(0));
            assertEquals("config-file", history.get(0).get(2));
            assertTrue(history.toString(), history.get(0).get(4).contains("routes"));

            Path exported = data.resolve("exported.yaml");
            assertTrue(shell(router, "router:config-export " + exported).contains("Written to"));
            String yaml = Files.readString(exported);
            assertTrue(yaml, yaml.contains("ae_title: STOREIT") && yaml.contains("port: " + port)
                    && yaml.contains("${ROUTER_DATA:-./data}/received"));

            // unchanged file: nothing imported at the next start
            router.stop();
            router.startAndAwaitUp();
            Thread.sleep(1500);
            assertEquals(1, count(router, "SELECT count(*) FROM config_versions"));

            // changed file: imported again
            router.stop();
            int newPort = RouterDistribution.freePort();
            Files.writeString(config, config(newPort));
            router.startAndAwaitUp();
            awaitVersions(router, 2);
            String diff = shell(router, "router:config-diff 1 2");
            assertTrue(diff, diff.contains("/routes/0/port") && diff.contains(String.valueOf(port))
                    && diff.contains(String.valueOf(newPort)));

            String rollback = shell(router, "router:config-rollback 1");
            assertTrue(rollback, rollback.contains("Saved as version 3"));
            String show = shell(router, "router:config-show");
            assertTrue(show, show.contains("port: " + port));

            try (Connection c = router.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT actor, action FROM audit_log"
                            + " WHERE target_type = 'config_version' ORDER BY id")) {
                StringBuilder rows = new StringBuilder();
                while (rs.next()) {
                    rows.append(rs.getString(1)).append(' ').append(rs.getString(2)).append('\n');
                }
                assertEquals("config-file config.import\nconfig-file config.import\nshell:admin config.rollback\n",
                        rows.toString());
            }
        }
    }

    private static String config(int port) {
        return String.join("\n",
                "destinations:",
                "  local-files:",
                "    type: file",
                "    path: ${ROUTER_DATA:-./data}/received",
                "routes:",
                "  - ae_title: STOREIT",
                "    port: " + port,
                "    destinations:",
                "      - destination: local-files",
                "");
    }

    private static void awaitVersions(RouterProcess router, long expected) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        long n = -1;
        while (System.nanoTime() < deadline) {
            n = count(router, "SELECT count(*) FROM config_versions");
            if (n == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + expected + " configuration versions, found " + n);
    }

    /** Waits until /api/health (which lists components as they come up) contains {@code text}. */
    private static void awaitHealthOf(RouterProcess router, String text) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            last = router.get("/api/health").body();
            if (last.contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health never contained " + text + "; last: " + last);
    }

    private static long count(RouterProcess router, String sql) throws Exception {
        try (Connection c = router.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String shell(RouterProcess router, String command) throws Exception {
        RouterProcess.Result r = router.shell(command);
        assertEquals(command + ": " + r.output(), 0, r.exitCode());
        return r.output();
    }
}
