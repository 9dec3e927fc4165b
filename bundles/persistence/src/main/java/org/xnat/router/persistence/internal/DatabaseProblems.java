package org.xnat.router.persistence.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns a failure to reach or use the database into one sentence saying what is wrong and what to
 * fix, for the health report and the log. Never contains the password.
 */
final class DatabaseProblems {

    private static final String CFG = "etc/" + PersistenceConfiguration.PID + ".cfg";

    private DatabaseProblems() {
    }

    static String explainConnect(Throwable failure, DatabaseSettings settings) {
        String target = settings.mode() == DatabaseSettings.Mode.EXTERNAL ? JdbcUrls.target(settings.url()) : "embedded server";
        String user = settings.user().isEmpty() ? "(user from url)" : settings.user();
        if (has(failure, ConnectException.class)) {
            return "connection refused to " + target + ": is PostgreSQL running and listening there? check url in " + CFG;
        }
        if (has(failure, UnknownHostException.class)) {
            return "unknown host in " + target + ": check url in " + CFG;
        }
        if (has(failure, NoRouteToHostException.class)) {
            return "no route to " + target + ": check url in " + CFG + " and the network";
        }
        if (has(failure, SocketTimeoutException.class)) {
            return "no answer from " + target + " in time (firewall dropping packets?): check url in " + CFG;
        }
        SQLException sql = find(failure, SQLException.class);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String serverMessage = sql == null ? message(failure) : stripSeverity(sql.getMessage());
        switch (state) {
            case "28P01":
                return "password authentication failed for user " + user + " at " + target + ": check "
                        + settings.passwordSource();
            case "08004":
                if (serverMessage.contains("no password was provided")) {
                    return target + " requires a password for user " + user + " but it is empty: set password in "
                            + CFG + " (e.g. password = ${env:ROUTER_DB_PASSWORD}) and, if it names an environment"
                            + " variable, set that in the router's environment";
                }
                return "the server at " + target + " rejected the connection: " + serverMessage;
            case "28000":
                return serverMessage + ": check user in " + CFG + " and the server's pg_hba.conf";
            case "3D000":
                return serverMessage + " at " + target + ": create it (CREATE DATABASE ... OWNER " + user
                        + ") or fix url in " + CFG;
            case "53300":
                return target + " has no free connections (" + serverMessage + "): lower poolSize or raise max_connections";
            case "57P03":
                return target + " is starting up or shutting down: waiting";
            default:
                return "cannot connect to " + target + ": " + serverMessage + (state.isEmpty() ? "" : " (SQLState " + state + ")");
        }
    }

    static String explainMigration(Throwable failure, DatabaseSettings settings) {
        SQLException sql = find(failure, SQLException.class);
        if (sql != null && "42501".equals(sql.getSQLState())) {
            return "migration failed: user " + (settings.user().isEmpty() ? "(from url)" : settings.user())
                    + " may not create the router's tables (" + stripSeverity(sql.getMessage())
                    + "): make it the owner of the database or grant CREATE on the schema";
        }
        String message = message(failure);
        if (message.contains("Could not acquire change log lock")) {
            return "migration failed: " + message + ". Another router may be migrating this database; if none is,"
                    + " a killed one left the lock: UPDATE databasechangeloglock SET locked = false";
        }
        return "migration failed: " + message;
    }

    private static String stripSeverity(String message) {
        if (message == null) {
            return "";
        }
        String m = message.replaceFirst("^(FATAL|ERROR): ", "");
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl).trim() : m.trim();
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : stripSeverity(t.getMessage());
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        return find(t, type) != null;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
