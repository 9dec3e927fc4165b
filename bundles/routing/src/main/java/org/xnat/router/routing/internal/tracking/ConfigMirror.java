package org.xnat.router.routing.internal.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.xnat.router.config.DestinationConfig;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;
import org.xnat.router.config.RouterConfig;

/**
 * Mirrors the applied configuration into the {@code routes} and {@code destinations} tables (rows of what is no
 * longer configured are removed), so tracking and the
 * admin views can join on them. Secrets (keys naming a password, secret, token or key) are never copied.
 */
public final class ConfigMirror {

    private ConfigMirror() {
    }

    public static void mirror(DataSource ds, RouterConfig config) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement("INSERT INTO destinations (name, host, port, ae_title, type,"
                    + " config, enabled) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (name) DO UPDATE SET"
                    + " host = EXCLUDED.host, port = EXCLUDED.port, ae_title = EXCLUDED.ae_title, type = EXCLUDED.type,"
                    + " config = EXCLUDED.config, enabled = EXCLUDED.enabled, updated_at = now()");
                 PreparedStatement r = c.prepareStatement("INSERT INTO routes (ae_title, port, description, enabled,"
                         + " config) VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (ae_title) DO UPDATE SET port = EXCLUDED.port,"
                         + " description = EXCLUDED.description, enabled = EXCLUDED.enabled, config = EXCLUDED.config,"
                         + " updated_at = now()")) {
                for (DestinationConfig dc : config.destinations().values()) {
                    Map<String, Object> props = new LinkedHashMap<>();
                    dc.properties().forEach((k, v) -> {
                        if (!isSecret(k)) {
                            props.put(k, v);
                        }
                    });
                    props.put("description", dc.description());
                    d.setString(1, dc.name());
                    d.setString(2, TrackingStore.cap(string(dc.properties().get("host")), 255));
                    Integer port = port(dc.properties().get("port"));
                    if (port == null) {
                        d.setNull(3, java.sql.Types.INTEGER);
                    } else {
                        d.setInt(3, port);
                    }
                    d.setString(4, TrackingStore.cap(string(dc.properties().get("ae_title")), 16));
                    d.setString(5, TrackingStore.cap(dc.type(), 50));
                    d.setString(6, Json.write(props));
                    d.setBoolean(7, dc.enabled());
                    d.addBatch();
                }
                for (RouteConfig rc : config.routes()) {
                    Map<String, Object> cfg = new LinkedHashMap<>();
                    cfg.put("study_timeout_seconds", rc.studyTimeoutSeconds());
                    cfg.put("worker_threads", rc.workerThreads());
                    cfg.put("max_concurrent_transfers", rc.maxConcurrentTransfers());
                    cfg.put("allowed_calling_aes", rc.allowedCallingAes());
                    cfg.put("destinations", rc.destinations().stream().map(RouteDestination::destination).toList());
                    cfg.put("routing_rules", rc.routingRules().size());
                    cfg.put("filters", rc.filters().size());
                    cfg.put("validation_rules", rc.validationRules().size());
                    cfg.put("tag_modifications", rc.tagModifications().size());
                    r.setString(1, rc.aeTitle());
                    r.setInt(2, rc.port());
                    r.setString(3, rc.description());
                    r.setBoolean(4, rc.enabled());
                    r.setString(5, Json.write(cfg));
                    r.addBatch();
                }
                d.executeBatch();
                r.executeBatch();
                // what is no longer configured leaves the mirror (transfers keep their names as text)
                try (PreparedStatement gone = c.prepareStatement("DELETE FROM routes WHERE NOT (ae_title = ANY (?))")) {
                    gone.setArray(1, c.createArrayOf("text",
                            config.routes().stream().map(RouteConfig::aeTitle).toArray()));
                    gone.executeUpdate();
                }
                try (PreparedStatement gone = c.prepareStatement("DELETE FROM destinations WHERE NOT (name = ANY (?))")) {
                    gone.setArray(1, c.createArrayOf("text", config.destinations().keySet().toArray()));
                    gone.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                TrackingStore.rollback(c);
                throw e;
            }
        }
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.endsWith("key")
                || k.contains("passphrase") || k.contains("credential");
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static Integer port(Object o) {
        if (o == null) {
            return null;
        }
        try {
            int p = Integer.parseInt(String.valueOf(o).strip());
            return p >= 1 && p <= 65535 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
