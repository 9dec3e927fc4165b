package org.xnat.router.configstore.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A real PostgreSQL 16 (the embedded server the persistence bundle ships) with the router schema applied by
 * Liquibase from the persistence bundle's changelog, and a HikariCP pool as in production.
 */
final class TestDatabase implements AutoCloseable {

    private static final PgBinaryResolver BINARIES = (system, hardware) -> {
        String name = "/postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz";
        InputStream in = TestDatabase.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no embedded PostgreSQL binaries " + name);
        }
        return in;
    };

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;
    private final HikariDataSource pool;

    private TestDatabase(Path dataDirectory) throws IOException, SQLException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        this.dataDirectory = dataDirectory;
        startServer();
        migrate();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        hc.setUsername("postgres");
        hc.setPassword("postgres");
        hc.setMaximumPoolSize(10);
        hc.setConnectionTimeout(2000);
        hc.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(hc);
    }

    /** Stops the server; connections break until {@link #restart()}. */
    void stopServer() throws IOException {
        postgres.close();
        postgres = null;
    }

    /** Starts the server again on the same data and port. */
    void restart() throws IOException {
        startServer();
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    private void startServer() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPgBinaryResolver(BINARIES)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                .start();
    }

    static TestDatabase start(Path dataDirectory) throws IOException, SQLException {
        return new TestDatabase(dataDirectory);
    }

    private void migrate() throws SQLException {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.classLoader.name(), Liquibase.class.getClassLoader());
        scope.put("liquibase.analytics.enabled", Boolean.FALSE);
        scope.put("liquibase.showBanner", Boolean.FALSE);
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            Scope.child(scope, () -> {
                Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                new Liquibase("db/changelog/db.changelog-master.yaml",
                        new ClassLoaderResourceAccessor(TestDatabase.class.getClassLoader()), db)
                        .update(new Contexts(), new LabelExpression());
            });
        } catch (Exception e) {
            throw new SQLException("schema migration failed: " + e.getMessage(), e);
        }
    }

    DataSource dataSource() {
        return pool;
    }

    /** Rows of a query as column name -> value maps. */
    List<Map<String, Object>> query(String sql, Object... args) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    long count(String sql, Object... args) throws SQLException {
        return ((Number) query(sql, args).get(0).values().iterator().next()).longValue();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    /** Empties what the store writes, between tests. */
    void truncate() throws SQLException {
        execute("TRUNCATE config_versions, audit_log, settings RESTART IDENTITY");
    }

    @Override
    public void close() {
        pool.close();
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
