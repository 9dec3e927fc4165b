package org.xnat.router.configstore.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import javax.sql.DataSource;

import org.xnat.router.configstore.ChangeAuthor;

/**
 * The SQL of the store: {@code config_versions}, the {@code audit_log} row written with each version, and the
 * {@code settings} row remembering the last imported file. Every statement has a timeout.
 */
final class VersionRows {

    /** Seconds any statement may take: the database is local or near, and callers must not hang. */
    static final int QUERY_TIMEOUT_SECONDS = 15;
    /** PostgreSQL's unique_violation: another save based on the same version won. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** A version as stored. */
    record Row(long id, long parentId, Instant createdAt, ChangeAuthor author, String comment, String action,
            String documentJson, String diffJson) {
    }

    /** A version to insert. */
    record NewVersion(long parentId, ChangeAuthor author, String comment, String action, String documentJson,
            String diffJson, String auditDetailJson) {
    }

    /** A setting to write in the same transaction as a version. */
    record SettingWrite(String key, String json, String updatedBy) {
    }

    /** Another save based on the same version committed first. */
    static final class LostRaceException extends Exception {
        private static final long serialVersionUID = 1L;

        LostRaceException(SQLException cause) {
            super("another change was saved first", cause);
        }
    }

    private final DataSource dataSource;

    VersionRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long currentId() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, "SELECT COALESCE(max(id), 0) FROM config_versions");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Optional<Row> load(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, "SELECT id, parent_id, created_at, author, remote_address, comment,"
                        + " action, COALESCE(document_text, document::text), diff::text FROM config_versions WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Ids after {@code after}, oldest first, at most {@code limit}. */
    List<Long> idsAfter(long after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, "SELECT id FROM config_versions WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /** Versions newest first, without their documents. */
    List<Row> history(int limit, int offset) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, "SELECT id, parent_id, created_at, author, remote_address, comment,"
                        + " action, NULL, diff::text FROM config_versions ORDER BY id DESC LIMIT ? OFFSET ?")) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    /**
     * Inserts a version and its audit row (and a setting, given the new id; may be null) in one transaction.
     *
     * @return the new version's id and time
     * @throws LostRaceException a version based on the same parent exists (the UNIQUE parent_id constraint)
     */
    Row insert(NewVersion v, LongFunction<SettingWrite> setting) throws SQLException, LostRaceException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Row row = insertVersion(c, v);
                insertAudit(c, row, v);
                if (setting != null) {
                    putSetting(c, setting.apply(row.id()));
                }
                c.commit();
                return row;
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new LostRaceException(e);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static Row insertVersion(Connection c, NewVersion v) throws SQLException {
        try (PreparedStatement ps = prepare(c, "INSERT INTO config_versions (parent_id, author, remote_address, comment,"
                + " action, document, document_text, diff) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb))"
                + " RETURNING id, created_at")) {
            ps.setLong(1, v.parentId());
            ps.setString(2, v.author().name());
            ps.setString(3, v.author().remoteAddress());
            ps.setString(4, v.comment());
            ps.setString(5, v.action());
            ps.setString(6, v.documentJson());
            ps.setString(7, v.documentJson());
            ps.setString(8, v.diffJson());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Row(rs.getLong(1), v.parentId(), rs.getTimestamp(2).toInstant(), v.author(), v.comment(),
                        v.action(), v.documentJson(), v.diffJson());
            }
        }
    }

    private static void insertAudit(Connection c, Row row, NewVersion v) throws SQLException {
        try (PreparedStatement ps = prepare(c, "INSERT INTO audit_log (actor, action, target_type, target_id,"
                + " remote_address, detail) VALUES (?, ?, 'config_version', ?, CAST(? AS inet), CAST(? AS jsonb))")) {
            ps.setString(1, v.author().name());
            ps.setString(2, v.action());
            ps.setString(3, Long.toString(row.id()));
            ps.setString(4, InetLiterals.orNull(v.author().remoteAddress()));
            ps.setString(5, v.auditDetailJson());
            ps.executeUpdate();
        }
    }

    Optional<String> setting(String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, "SELECT value::text FROM settings WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    void putSetting(SettingWrite s) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            putSetting(c, s);
        }
    }

    private static void putSetting(Connection c, SettingWrite s) throws SQLException {
        try (PreparedStatement ps = prepare(c, "INSERT INTO settings (key, value, updated_at, updated_by)"
                + " VALUES (?, CAST(? AS jsonb), now(), ?) ON CONFLICT (key) DO UPDATE"
                + " SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")) {
            ps.setString(1, s.key());
            ps.setString(2, s.json());
            ps.setString(3, s.updatedBy());
            ps.executeUpdate();
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp(3);
        String remote = rs.getString(5);
        return new Row(rs.getLong(1), rs.getLong(2), created.toInstant(),
                new ChangeAuthor(rs.getString(4), remote), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9));
    }

    private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        return ps;
    }

}
