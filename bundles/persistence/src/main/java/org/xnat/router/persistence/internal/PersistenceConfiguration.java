package org.xnat.router.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the router's database (PID {@value #PID}, file {@code etc/org.xnat.router.persistence.cfg}).
 * In etc/*.cfg write environment references as {@code ${env:NAME}} (e.g.
 * {@code password = ${env:ROUTER_DB_PASSWORD}}): Karaf resolves those itself and blanks a plain
 * {@code ${NAME}} that is not a system property. Values set by other means may use {@code ${NAME}} or
 * {@code ${env:NAME}}; this bundle resolves them from the environment, then from system properties.
 */
@ObjectClassDefinition(
        id = PersistenceConfiguration.PID,
        name = "Router database",
        description = "Embedded PostgreSQL (default) or an external PostgreSQL server")
public @interface PersistenceConfiguration {

    String PID = "org.xnat.router.persistence";

    @AttributeDefinition(name = "Mode", description = "embedded: a PostgreSQL 16 server run by the router;"
            + " external: connect to the server given by url",
            options = {
                    @org.osgi.service.metatype.annotations.Option(label = "Embedded", value = "embedded"),
                    @org.osgi.service.metatype.annotations.Option(label = "External", value = "external")})
    String mode() default "embedded";

    @AttributeDefinition(name = "Data directory", required = false,
            description = "Embedded mode: where the cluster, binaries and server log live; survives restarts."
                    + " Empty = ${karaf.data}/postgres")
    String dataDirectory() default "";

    @AttributeDefinition(name = "Embedded port", description = "Embedded mode: TCP port on 127.0.0.1; 0 = any free port")
    int embeddedPort() default 0;

    @AttributeDefinition(name = "JDBC URL", required = false,
            description = "External mode, e.g. jdbc:postgresql://db.example:5432/router")
    String url() default "";

    @AttributeDefinition(name = "User", required = false, description = "External mode: database user")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "External mode: password, preferably a reference such as ${env:ROUTER_DB_PASSWORD}")
    String password() default "";

    @AttributeDefinition(name = "Pool size", description = "Maximum number of pooled connections")
    int poolSize() default 10;

    @AttributeDefinition(name = "Longest retry interval (s)",
            description = "While the database is unreachable, retries start after 5 s and back off to this")
    int retryMaxSeconds() default 30;

    // Timeouts: a dead or hung database (stopped processes, a network partition, a full disk on its host) must fail
    // calls within a bound, never block ingest, delivery, the configuration poller or REST calls for ever.

    @AttributeDefinition(name = "Connect timeout (s)",
            description = "Opening a database connection (TCP connect and login) gives up after this long")
    int connectTimeoutSeconds() default DatabaseTimeouts.DEFAULT_CONNECT_SECONDS;

    @AttributeDefinition(name = "Socket timeout (s)",
            description = "The longest the router waits for any answer of the database on a pooled connection;"
                    + " also the server's statement_timeout for the router's sessions. Longer than the longest"
                    + " legitimate query (2 to 3600)")
    int socketTimeoutSeconds() default DatabaseTimeouts.DEFAULT_SOCKET_SECONDS;

    @AttributeDefinition(name = "Connection wait (s)",
            description = "How long a store, a delivery worker or a REST call waits for a pooled connection before"
                    + " it fails (the pool's connectionTimeout)")
    int connectionWaitSeconds() default DatabaseTimeouts.DEFAULT_CONNECTION_WAIT_SECONDS;

    @AttributeDefinition(name = "Store timeout (s)",
            description = "The longest each database statement of a store (C-STORE, import, upload) may take;"
                    + " beyond it the sender gets a failure (A700). At most socketTimeoutSeconds")
    int storeTimeoutSeconds() default DatabaseTimeouts.DEFAULT_STORE_SECONDS;

    @AttributeDefinition(name = "Idle in transaction (s)",
            description = "The server ends a router session left idle inside an open transaction this long"
                    + " (idle_in_transaction_session_timeout), releasing its locks")
    int idleInTransactionSeconds() default DatabaseTimeouts.DEFAULT_IDLE_IN_TRANSACTION_SECONDS;
}
