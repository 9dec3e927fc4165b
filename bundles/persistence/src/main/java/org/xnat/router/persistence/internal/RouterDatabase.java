package org.xnat.router.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The router's database from start to stop: starts the embedded server or reaches the external one,
 * applies the schema, then offers a connection pool. Until that works it retries in the background
 * (backing off to {@link DatabaseSettings#retryMax()}) and its health says why it does not yet.
 * Independent of OSGi; all work runs on one thread.
 */
final class RouterDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouterDatabase.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    /** Told once, from the database thread, when the pool is ready. */
    interface Listener {
        void available(DataSource pool);
    }

    private final DatabaseSettings settings;
    private final Listener listener;
    private final ScheduledExecutorService worker;

    private volatile HealthReport report;
    private volatile HikariDataSource pool;
    private volatile boolean closed;
    /** The health probe running or last run (guarded by this). */
    private Future<HealthReport> inflight;
    // Only touched on the worker thread (and in close() after it ended).
    private EmbeddedPostgresServer server;
    private Duration nextDelay;
    private String lastReason = "";

    RouterDatabase(DatabaseSettings settings, Listener listener) {
        this.settings = settings;
        this.listener = listener;
        this.nextDelay = settings.retryInitial();
        this.report = HealthReport.down("starting: " + settings);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "router-database");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        worker.execute(this::attempt);
    }

    private void attempt() {
        if (closed) {
            return;
        }
        boolean migrating = false;
        try {
            String where;
            if (settings.mode() == DatabaseSettings.Mode.EMBEDDED) {
                if (server == null) {
                    server = EmbeddedPostgresServer.start(settings.dataDirectory(), settings.embeddedPort());
                }
                where = "embedded, " + settings.dataDirectory() + ", 127.0.0.1:" + server.port();
            } else {
                where = "external, " + JdbcUrls.redact(settings.url());
            }
            String version;
            SchemaMigrator.SchemaState schema;
            try (Connection c = target(DatabaseTimeouts.MIGRATION_SOCKET).getConnection()) {
                version = c.getMetaData().getDatabaseProductVersion();
                migrating = true;
                schema = SchemaMigrator.migrate(c);
            }
            HikariDataSource ready = newPool(target(settings.timeouts().socket()));
            synchronized (this) {
                if (closed) {
                    ready.close();
                    return;
                }
                pool = ready;
            }
            report = HealthReport.up("PostgreSQL " + version + " (" + where + "), " + schema
                    + ", pool of " + settings.poolSize());
            LOG.info("Database timeouts: {}", settings.timeouts());
            LOG.info("Database ready: {}", report.detail());
            listener.available(ready);
        } catch (EmbeddedPostgresServer.EmbeddedStartException e) {
            retryLater(e.getMessage(), e);
        } catch (SchemaMigrator.MigrationException e) {
            retryLater(DatabaseProblems.explainMigration(e, settings), e);
        } catch (SQLException | RuntimeException e) {
            retryLater(migrating ? DatabaseProblems.explainMigration(e, settings)
                    : DatabaseProblems.explainConnect(e, settings), e);
        }
    }

    private void retryLater(String reason, Exception e) {
        Duration delay = nextDelay;
        nextDelay = nextDelay.multipliedBy(2).compareTo(settings.retryMax()) > 0 ? settings.retryMax()
                : nextDelay.multipliedBy(2);
        report = HealthReport.down(reason + " (next attempt in " + Math.max(1, delay.toSeconds()) + " s)");
        if (!reason.equals(lastReason)) {
            LOG.error("Database unavailable: {}. The router keeps running without it and retries at least every {} s.",
                    reason, settings.retryMax().toSeconds());
            LOG.debug("Database failure detail", e);
            lastReason = reason;
        } else {
            LOG.debug("Database still unavailable: {}", reason);
        }
        try {
            worker.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // closing
        }
    }

    /**
     * A new unpooled data source for the database, every wait bounded: the connect and login by the connect
     * timeout, every read by {@code socketTimeout} (a hung server otherwise blocks a read for ever).
     */
    private PGSimpleDataSource target(Duration socketTimeout) {
        PGSimpleDataSource ds = settings.mode() == DatabaseSettings.Mode.EMBEDDED ? server.dataSource()
                : externalDataSource();
        int connect = (int) settings.timeouts().connect().toSeconds();
        ds.setConnectTimeout(connect);
        ds.setLoginTimeout(connect);
        ds.setSocketTimeout((int) Math.min(Integer.MAX_VALUE, socketTimeout.toSeconds()));
        ds.setTcpKeepAlive(true);
        return ds;
    }

    private PGSimpleDataSource externalDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(settings.url());
        if (!settings.user().isEmpty()) {
            ds.setUser(settings.user());
        }
        if (!settings.password().isEmpty()) {
            ds.setPassword(settings.password());
        }
        if (ds.getApplicationName() == null || ds.getApplicationName().startsWith("PostgreSQL JDBC")) {
            ds.setApplicationName("xnat-router");
        }
        return ds;
    }

    private HikariDataSource newPool(PGSimpleDataSource target) {
        DatabaseTimeouts timeouts = settings.timeouts();
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setPoolName("router-db");
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(timeouts.connectionWait().toMillis());
        config.setValidationTimeout(timeouts.validation().toMillis());
        // server-side bounds of every router session (SET, not startup options: works behind connection poolers)
        config.setConnectionInitSql(timeouts.sessionSql());
        // The database just worked; if it went away meanwhile, the pool reconnects on demand.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** The current state; when ready, checked live with a query bounded to a few seconds. */
    HealthReport health() {
        HikariDataSource current = pool;
        HealthReport known = report;
        if (current == null || known.status() != HealthStatus.UP) {
            return known;
        }
        Future<HealthReport> probe;
        synchronized (this) {
            // while a probe still waits for a hung database, later checks wait for the same one: probes never pile up
            probe = inflight;
            if (probe == null || probe.isDone()) {
                try {
                    probe = worker.submit(() -> probe(current, known));
                } catch (RejectedExecutionException e) {
                    return HealthReport.down("stopped");
                }
                inflight = probe;
            }
        }
        try {
            return probe.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return HealthReport.down("the database did not answer within " + PROBE_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return HealthReport.down("health check failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return known;
        }
    }

    private HealthReport probe(HikariDataSource current, HealthReport known) {
        try (Connection c = current.getConnection(); Statement s = c.createStatement()) {
            // a hung server answers nothing, not even the cancel of a query timeout: bound the read itself
            c.setNetworkTimeout(Runnable::run, (int) PROBE_TIMEOUT.toMillis());
            s.setQueryTimeout((int) PROBE_TIMEOUT.toSeconds());
            s.execute("SELECT 1");
            return known;
        } catch (SQLException e) {
            return HealthReport.down("connection lost: " + DatabaseProblems.explainConnect(e, settings));
        }
    }

    Optional<DataSource> dataSource() {
        return Optional.ofNullable(pool);
    }

    DatabaseSettings settings() {
        return settings;
    }

    /** Stops retrying, closes the pool and stops the embedded server; the data stays. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("The database thread did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        HikariDataSource p = pool;
        pool = null;
        if (p != null) {
            p.close();
        }
        if (server != null) {
            server.close();
            server = null;
        }
        report = HealthReport.down("stopped");
    }
}
