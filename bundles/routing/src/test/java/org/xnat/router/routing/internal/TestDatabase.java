package org.xnat.router.routing.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

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
 * A real PostgreSQL 16 (zonky's embedded server) with the router schema applied by Liquibase from the
 * persistence bundle's changelog, and a HikariCP pool as in production. It can be stopped and started again
 * on the same data and port, to test what the engine does while the database is gone.
 */
final class TestDatabase implements AutoCloseable {

    /** One resolver for all starts: zonky caches the unpacked binaries per resolver instance. */
    private static final PgBinaryResolver BINARIES = (system, hardware) -> {
        String name = "/postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + hardware + ".txz";
        java.io.InputStream in = TestDatabase.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no embedded PostgreSQL binaries " + name);
        }
        return in;
    };

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;
    private final HikariDataSource pool;
    private final List<HikariDataSource> boundedPools = new CopyOnWriteArrayList<>();

    private TestDatabase(Path dataDirectory, int port) throws IOException, SQLException {
        this.dataDirectory = dataDirectory;
        this.port = port;
        start();
        migrate();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        hc.setUsername("postgres");
        hc.setPassword("postgres");
        hc.setMaximumPoolSize(20);
        hc.setConnectionTimeout(2000);
        hc.setValidationTimeout(1000);
        hc.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(hc);
    }

    static TestDatabase start(Path dataDirectory) throws IOException, SQLException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return new TestDatabase(dataDirectory, port);
    }

    void start() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPgBinaryResolver(BINARIES)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("max_connections", "100")
                .start();
        if (pool != null) {
            // connections of the previous server are dead; do not hand them out
            pool.getHikariPoolMXBean().softEvictConnections();
            boundedPools.forEach(p -> p.getHikariPoolMXBean().softEvictConnections());
        }
    }

    /** Stops the server (fast shutdown); connections in the pool break. */
    void stop() throws IOException {
        postgres.close();
        postgres = null;
    }

    boolean isRunning() {
        return postgres != null;
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
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("schema migration failed: " + e.getMessage(), e);
        }
    }

    DataSource dataSource() {
        return pool;
    }

    /**
     * A pool configured as the persistence bundle configures the router's (RouterDatabase.newPool): every read bounded
     * by the socket timeout, connect and login by the connect timeout, callers wait at most {@code connectionWait}
     * for a connection, the same server-side session bounds. Closed with this database.
     */
    DataSource boundedPool(Duration connect, Duration socket, Duration connectionWait) {
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setServerNames(new String[] {"127.0.0.1"});
        target.setPortNumbers(new int[] {port});
        target.setDatabaseName("postgres");
        target.setUser("postgres");
        target.setPassword("postgres");
        target.setConnectTimeout((int) connect.toSeconds());
        target.setLoginTimeout((int) connect.toSeconds());
        target.setSocketTimeout((int) socket.toSeconds());
        target.setTcpKeepAlive(true);
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(target);
        hc.setPoolName("bounded-" + boundedPools.size());
        hc.setMaximumPoolSize(10);
        hc.setMinimumIdle(2);
        hc.setConnectionTimeout(connectionWait.toMillis());
        hc.setValidationTimeout(Math.max(250, Math.min(3_000, connectionWait.toMillis() / 2)));
        hc.setConnectionInitSql("SET statement_timeout = '" + socket.toMillis()
                + "ms'; SET idle_in_transaction_session_timeout = '60000ms'");
        hc.setInitializationFailTimeout(-1);
        HikariDataSource bounded = new HikariDataSource(hc);
        boundedPools.add(bounded);
        return bounded;
    }

    /** SIGSTOP to the server and all its processes: connections are accepted by the kernel, nothing answers. */
    List<ProcessHandle> freeze() throws IOException, InterruptedException {
        return PostgresProcesses.freeze(dataDirectory);
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void execute(String sql, Object... args) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    /** Empties the routing tables between tests. */
    void truncate() throws SQLException {
        execute("TRUNCATE delivery_queue, transfer_instances, transfers, spool_files, audit_log, routes, destinations"
                + " RESTART IDENTITY CASCADE");
    }

    @Override
    public void close() throws IOException {
        boundedPools.forEach(HikariDataSource::close);
        pool.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
