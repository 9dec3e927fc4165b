package org.xnat.router.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
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
 * A real PostgreSQL 16 (zonky's embedded server, the binaries the persistence bundle embeds) on 127.0.0.1 and
 * a free port, with the router schema applied by Liquibase from the persistence bundle's changelog and a
 * HikariCP pool as in production. For module tests that need the real database.
 */
public final class TestDatabase implements AutoCloseable {

    private static final PgBinaryResolver BINARIES = (system, hardware) -> {
        String name = "/postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz";
        InputStream in = TestDatabase.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no embedded PostgreSQL binaries " + name + " on the class path");
        }
        return in;
    };

    private final EmbeddedPostgres postgres;
    private final HikariDataSource pool;

    private TestDatabase(Path dataDirectory) throws IOException, SQLException {
        this.postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                .setPgBinaryResolver(BINARIES)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                .start();
        migrate();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        hc.setUsername("postgres");
        hc.setPassword("postgres");
        hc.setMaximumPoolSize(10);
        hc.setConnectionTimeout(5000);
        this.pool = new HikariDataSource(hc);
    }

    /** Starts a server with its data under {@code dataDirectory} (emptied first) and applies the schema. */
    public static TestDatabase start(Path dataDirectory) throws IOException, SQLException {
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
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("schema migration failed: " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The first column of the first row of a query, as a long. */
    public long count(String sql, Object... args) throws SQLException {
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

    /** Runs one statement. */
    public void execute(String sql, Object... args) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    @Override
    public void close() throws IOException {
        pool.close();
        postgres.close();
    }
}
