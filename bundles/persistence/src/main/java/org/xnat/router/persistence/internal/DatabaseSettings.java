package org.xnat.router.persistence.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Validated database settings, with every {@code ${...}} reference resolved.
 *
 * @param passwordSource where the password came from, for messages (never the password itself)
 */
record DatabaseSettings(Mode mode, Path dataDirectory, int embeddedPort, String url, String user,
                        String password, String passwordSource, int poolSize,
                        Duration retryInitial, Duration retryMax, DatabaseTimeouts timeouts) {

    enum Mode { EMBEDDED, EXTERNAL }

    static final Duration DEFAULT_RETRY_INITIAL = Duration.ofSeconds(5);

    /** The configuration as written, before validation. */
    record Raw(String mode, String dataDirectory, int embeddedPort, String url, String user, String password,
               int poolSize, int retryMaxSeconds, int connectTimeoutSeconds, int socketTimeoutSeconds,
               int connectionWaitSeconds, int storeTimeoutSeconds, int idleInTransactionSeconds) {

        /** With the default timeouts. */
        Raw(String mode, String dataDirectory, int embeddedPort, String url, String user, String password,
            int poolSize, int retryMaxSeconds) {
            this(mode, dataDirectory, embeddedPort, url, user, password, poolSize, retryMaxSeconds,
                    DatabaseTimeouts.DEFAULT_CONNECT_SECONDS, DatabaseTimeouts.DEFAULT_SOCKET_SECONDS,
                    DatabaseTimeouts.DEFAULT_CONNECTION_WAIT_SECONDS, DatabaseTimeouts.DEFAULT_STORE_SECONDS,
                    DatabaseTimeouts.DEFAULT_IDLE_IN_TRANSACTION_SECONDS);
        }

        static Raw of(PersistenceConfiguration c) {
            return new Raw(c.mode(), c.dataDirectory(), c.embeddedPort(), c.url(), c.user(), c.password(),
                    c.poolSize(), c.retryMaxSeconds(), c.connectTimeoutSeconds(), c.socketTimeoutSeconds(),
                    c.connectionWaitSeconds(), c.storeTimeoutSeconds(), c.idleInTransactionSeconds());
        }

        Raw withTimeouts(int connect, int socket, int connectionWait, int store, int idleInTransaction) {
            return new Raw(mode, dataDirectory, embeddedPort, url, user, password, poolSize, retryMaxSeconds,
                    connect, socket, connectionWait, store, idleInTransaction);
        }

        static Raw embedded(Path dataDirectory, int port) {
            return new Raw("embedded", dataDirectory.toString(), port, "", "", "", 5, 30);
        }

        static Raw external(String url, String user, String password) {
            return new Raw("external", "", 0, url, user, password, 5, 30);
        }
    }

    /** @throws InvalidSettingException with a message naming the key to fix */
    static DatabaseSettings parse(Raw raw, Placeholders placeholders) {
        Mode mode = switch (placeholders.resolve("mode", raw.mode()).trim().toLowerCase(Locale.ROOT)) {
            case "", "embedded" -> Mode.EMBEDDED;
            case "external" -> Mode.EXTERNAL;
            default -> throw new InvalidSettingException("mode must be 'embedded' or 'external', not '" + raw.mode() + "'");
        };
        if (raw.poolSize() < 1 || raw.poolSize() > 1000) {
            throw new InvalidSettingException("poolSize must be between 1 and 1000, not " + raw.poolSize());
        }
        if (raw.retryMaxSeconds() < 1 || raw.retryMaxSeconds() > 3600) {
            throw new InvalidSettingException("retryMaxSeconds must be between 1 and 3600, not " + raw.retryMaxSeconds());
        }
        Duration retryMax = Duration.ofSeconds(raw.retryMaxSeconds());
        Duration retryInitial = retryMax.compareTo(DEFAULT_RETRY_INITIAL) < 0 ? retryMax : DEFAULT_RETRY_INITIAL;
        DatabaseTimeouts timeouts = DatabaseTimeouts.of(raw.connectTimeoutSeconds(), raw.socketTimeoutSeconds(),
                raw.connectionWaitSeconds(), raw.storeTimeoutSeconds(), raw.idleInTransactionSeconds());

        if (mode == Mode.EMBEDDED) {
            if (raw.embeddedPort() < 0 || raw.embeddedPort() > 65535) {
                throw new InvalidSettingException("embeddedPort must be between 0 and 65535, not " + raw.embeddedPort());
            }
            return new DatabaseSettings(mode, dataDirectory(raw, placeholders), raw.embeddedPort(), "", "", "",
                    "", raw.poolSize(), retryInitial, retryMax, timeouts);
        }
        String url = placeholders.resolve("url", raw.url()).trim();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new InvalidSettingException("url must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://db.example:5432/router, not '" + JdbcUrls.redact(url) + "'");
        }
        String user = placeholders.resolve("user", raw.user()).trim();
        String password = placeholders.resolve("password", raw.password());
        return new DatabaseSettings(mode, null, 0, url, user, password,
                Placeholders.describeSource("password", raw.password()), raw.poolSize(), retryInitial, retryMax,
                timeouts);
    }

    private static Path dataDirectory(Raw raw, Placeholders placeholders) {
        String dir = placeholders.resolve("dataDirectory", raw.dataDirectory()).trim();
        if (dir.isEmpty()) {
            String karafData = placeholders.systemProperty("karaf.data");
            if (karafData == null || karafData.isBlank()) {
                throw new InvalidSettingException("dataDirectory is empty and the system property karaf.data is not set:"
                        + " set dataDirectory");
            }
            dir = Path.of(karafData, "postgres").toString();
        }
        try {
            return Path.of(dir).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidSettingException("dataDirectory '" + dir + "' is not a valid path: " + e.getReason());
        }
    }

    DatabaseSettings withPasswordSource(String source) {
        return new DatabaseSettings(mode, dataDirectory, embeddedPort, url, user, password, source, poolSize,
                retryInitial, retryMax, timeouts);
    }

    DatabaseSettings withRetry(Duration initial, Duration max) {
        return new DatabaseSettings(mode, dataDirectory, embeddedPort, url, user, password, passwordSource, poolSize,
                initial, max, timeouts);
    }

    @Override
    public String toString() {
        return mode == Mode.EMBEDDED
                ? "embedded PostgreSQL in " + dataDirectory + (embeddedPort == 0 ? "" : " on port " + embeddedPort)
                : "external PostgreSQL at " + JdbcUrls.redact(url) + (user.isEmpty() ? "" : " as " + user);
    }
}
