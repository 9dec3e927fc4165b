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
}
