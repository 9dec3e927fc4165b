package org.xnat.router.rest.core.internal.auth;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.xnat.router.rest.Role;

/** The {@code api_keys} table. Roles are a text array; a key's role is the highest it lists. */
final class ApiKeyStore {

    private static final String COLUMNS = "id, name, roles, created_at, created_by, expires_at, last_used_at, revoked_at";
    private static final int QUERY_TIMEOUT_SECONDS = 10;

    /** A key row with its hash, for verification only. */
    record Candidate(ApiKey key, String hash) {
    }

    private final DataSource dataSource;

    ApiKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The key not revoked with this prefix (the prefix is unique among those). */
    Optional<Candidate> findActiveByPrefix(String prefix) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", key_hash FROM api_keys"
                     + " WHERE key_prefix = ? AND revoked_at IS NULL")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Candidate(key(rs), rs.getString(9))) : Optional.empty();
            }
        }
    }

    List<ApiKey> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY id")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            List<ApiKey> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(key(rs));
                }
            }
            return out;
        }
    }

    Optional<ApiKey> get(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        }
    }

    Optional<Candidate> findActiveByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", key_hash FROM api_keys"
                + " WHERE name = ? AND revoked_at IS NULL")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Candidate(key(rs), rs.getString(9))) : Optional.empty();
            }
        }
    }

    boolean prefixTaken(Connection c, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM api_keys WHERE key_prefix = ? AND revoked_at IS NULL")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether some key that is neither revoked nor expired has the admin role. */
    boolean anyUsableAdmin(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM api_keys WHERE revoked_at IS NULL"
                + " AND (expires_at IS NULL OR expires_at > now()) AND 'admin' = ANY(roles) LIMIT 1")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    ApiKey insert(Connection c, String name, String prefix, String hash, Role role, String createdBy,
            Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (name, key_prefix, key_hash, roles,"
                + " created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setString(1, name);
            ps.setString(2, prefix);
            ps.setString(3, hash);
            Array roles = c.createArrayOf("text", new String[] {role.id()});
            ps.setArray(4, roles);
            ps.setString(5, createdBy);
            ps.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return key(rs);
            }
        }
    }

    /** @return whether a key that was not revoked is now */
    boolean revoke(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Marks a key used, unless another request (of any router instance) did within the last minute. */
    void touch(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET last_used_at = now() WHERE id = ?"
                     + " AND (last_used_at IS NULL OR last_used_at < now() - interval '60 seconds')")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        Role role = null; // no known role: the key grants nothing
        Array array = rs.getArray(3);
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                try {
                    Role r = Role.parse(String.valueOf(o));
                    role = role == null || r.allows(role) ? r : role;
                } catch (IllegalArgumentException unknown) {
                    // a role this version does not know grants nothing
                }
            }
        }
        return new ApiKey(rs.getLong(1), rs.getString(2), role, instant(rs.getTimestamp(4)), rs.getString(5),
                instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
