package org.xnat.router.persistence.internal;

import java.time.Duration;

/**
 * How long the router waits for its database, so that a dead or hung PostgreSQL (stopped processes, a network
 * partition, a full disk on the database host) fails calls instead of blocking their threads for ever.
 *
 * @param connect opening a connection: TCP connect and login (JDBC {@code connectTimeout}, {@code loginTimeout})
 * @param socket the longest any pooled connection waits for an answer (JDBC {@code socketTimeout}); the server's
 *        {@code statement_timeout} for the router's sessions is the same, so it gives up on work the router gave up on
 * @param connectionWait how long a caller waits for a connection from the pool (HikariCP {@code connectionTimeout})
 * @param store the longest each database statement of a store (C-STORE, import, upload) may take; published with the
 *        DataSource, applied by the routing engine to its ingest transaction
 * @param idleInTransaction the server ends a router session left idle inside a transaction this long
 *        ({@code idle_in_transaction_session_timeout}), releasing its locks
 */
record DatabaseTimeouts(Duration connect, Duration socket, Duration connectionWait, Duration store,
                        Duration idleInTransaction) {

    static final int DEFAULT_CONNECT_SECONDS = 10;
    static final int DEFAULT_SOCKET_SECONDS = 60;
    static final int DEFAULT_CONNECTION_WAIT_SECONDS = 5;
    static final int DEFAULT_STORE_SECONDS = 10;
    static final int DEFAULT_IDLE_IN_TRANSACTION_SECONDS = 60;

    static final DatabaseTimeouts DEFAULTS = of(DEFAULT_CONNECT_SECONDS, DEFAULT_SOCKET_SECONDS,
            DEFAULT_CONNECTION_WAIT_SECONDS, DEFAULT_STORE_SECONDS, DEFAULT_IDLE_IN_TRANSACTION_SECONDS);

    /** Schema migrations run on their own connection and may build indexes for a long time; still bounded. */
    static final Duration MIGRATION_SOCKET = Duration.ofHours(1);

    /** @throws InvalidSettingException naming the key to fix */
    static DatabaseTimeouts of(int connectSeconds, int socketSeconds, int connectionWaitSeconds, int storeSeconds,
            int idleInTransactionSeconds) {
        range("connectTimeoutSeconds", connectSeconds, 1, 300);
        range("socketTimeoutSeconds", socketSeconds, 2, 3600);
        range("connectionWaitSeconds", connectionWaitSeconds, 1, 300);
        range("storeTimeoutSeconds", storeSeconds, 1, 600);
        range("idleInTransactionSeconds", idleInTransactionSeconds, 1, 86_400);
        if (storeSeconds > socketSeconds) {
            throw new InvalidSettingException("storeTimeoutSeconds (" + storeSeconds
                    + ") must not be longer than socketTimeoutSeconds (" + socketSeconds + ")");
        }
        return new DatabaseTimeouts(Duration.ofSeconds(connectSeconds), Duration.ofSeconds(socketSeconds),
                Duration.ofSeconds(connectionWaitSeconds), Duration.ofSeconds(storeSeconds),
                Duration.ofSeconds(idleInTransactionSeconds));
    }

    private static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidSettingException(key + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    /**
     * How long the pool checks an idle connection before handing it out: shorter than the wait for a connection,
     * so a caller waits at most about 1.5 times {@link #connectionWait()} when the database hangs.
     */
    Duration validation() {
        long half = connectionWait.toMillis() / 2;
        return Duration.ofMillis(Math.max(250, Math.min(3_000, half)));
    }

    /** Run once on every new pooled connection: the server-side bounds of the router's sessions. */
    String sessionSql() {
        return "SET statement_timeout = '" + socket.toMillis() + "ms'; SET idle_in_transaction_session_timeout = '"
                + idleInTransaction.toMillis() + "ms'";
    }

    @Override
    public String toString() {
        return "connect " + connect.toSeconds() + " s, socket " + socket.toSeconds() + " s, connection wait "
                + connectionWait.toSeconds() + " s, store " + store.toSeconds() + " s, idle in transaction "
                + idleInTransaction.toSeconds() + " s";
    }
}
