package org.xnat.router.persistence.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * Applies the router schema with Liquibase 4 from the changelog inside this bundle.
 *
 * <p>In OSGi two class loaders matter: Liquibase finds its own extensions (database types, parsers,
 * change types) with {@link java.util.ServiceLoader} through the scope class loader, so that is
 * Liquibase's bundle class loader (SPI Fly must be active for the liquibase-core bundle to resolve);
 * the changelog is read through this bundle's class loader. Both are plain class loaders on a
 * class path too, so the same code runs in unit tests.
 */
final class SchemaMigrator {

    static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    /** The schema state after migration. */
    record SchemaState(int changeSets, String lastChangeSet) {
        @Override
        public String toString() {
            return "schema at changeset " + changeSets + " (" + lastChangeSet + ")";
        }
    }

    private SchemaMigrator() {
    }

    /**
     * Brings the schema up to date, then reports where it is. The connection is left open.
     *
     * @throws MigrationException naming the failing change set or statement
     */
    static SchemaState migrate(Connection connection) throws MigrationException {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.classLoader.name(), Liquibase.class.getClassLoader());
        // Liquibase 4.30+ otherwise sends usage data over the network from the router.
        scope.put("liquibase.analytics.enabled", Boolean.FALSE);
        scope.put("liquibase.showBanner", Boolean.FALSE);
        ResourceAccessor changelogs = new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader());
        try {
            Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                // Not closed: closing the Liquibase object would close the caller's connection.
                Liquibase liquibase = new Liquibase(CHANGELOG, changelogs, database);
                liquibase.update(new Contexts(), new LabelExpression());
            });
        } catch (LiquibaseException e) {
            throw new MigrationException(e);
        } catch (Exception e) {
            throw new MigrationException(e);
        }
        return state(connection);
    }

    static SchemaState state(Connection connection) throws MigrationException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) OVER (), id FROM databasechangelog"
                     + " ORDER BY orderexecuted DESC LIMIT 1")) {
            return rs.next() ? new SchemaState(rs.getInt(1), rs.getString(2)) : new SchemaState(0, "none");
        } catch (SQLException e) {
            throw new MigrationException(e);
        }
    }

    /** A migration that did not complete; the message is the most specific cause. */
    static final class MigrationException extends Exception {
        private static final long serialVersionUID = 1L;

        MigrationException(Throwable cause) {
            super(rootMessage(cause), cause);
        }

        private static String rootMessage(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            // Liquibase wraps with the change set; keep that context when the root lacks it.
            String top = t.getMessage();
            return top != null && !top.contains(message) && top.length() < 400 ? top + ": " + message : message;
        }
    }
}
