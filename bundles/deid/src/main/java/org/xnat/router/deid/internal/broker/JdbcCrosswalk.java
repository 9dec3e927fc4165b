package org.xnat.router.deid.internal.broker;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * The crosswalk in the router's PostgreSQL database (table {@code crosswalk}, changelog 006-crosswalk.sql).
 * A new mapping is made in one transaction holding an advisory lock per broker and type, so sequence numbers
 * are gap-free and unique even with several threads or router instances; the table's unique constraints and
 * its no-update trigger guarantee insert-if-absent and that a mapping never changes.
 */
public final class JdbcCrosswalk implements Crosswalk {

    private static final String FIND =
            "SELECT research_id FROM crosswalk WHERE broker = ? AND id_type = ? AND original = ?";
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(?))";
    private static final String NEXT = "SELECT COALESCE(MAX(seq), 0) + 1 FROM crosswalk WHERE broker = ? AND id_type = ?";
    private static final String INSERT = "INSERT INTO crosswalk (broker, id_type, original, research_id, seq)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final DataSource dataSource;

    public JdbcCrosswalk(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String find(String broker, IdType type, String original) throws CrosswalkException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, broker, type, original);
        } catch (SQLException e) {
            throw new CrosswalkException("crosswalk lookup failed: " + e.getMessage(), e);
        }
    }

    private static String find(Connection c, String broker, IdType type, String original) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, broker);
            ps.setString(2, type.key());
            ps.setString(3, original);
            ps.setQueryTimeout(30);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Override
    public String resolve(String broker, IdType type, String original, Generator generator) throws CrosswalkException {
        try (Connection c = dataSource.getConnection()) {
            String existing = find(c, broker, type, original);
            if (existing != null) {
                return existing;
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                String value = create(c, broker, type, original, generator);
                c.commit();
                return value;
            } catch (SQLException | CrosswalkException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new CrosswalkException("crosswalk update failed: " + e.getMessage(), e);
        }
    }

    private static String create(Connection c, String broker, IdType type, String original, Generator generator)
            throws SQLException, CrosswalkException {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setString(1, "crosswalk/" + broker + "/" + type.key());
            ps.setQueryTimeout(30);
            ps.execute();
        }
        String existing = find(c, broker, type, original); // made by another thread while we waited
        if (existing != null) {
            return existing;
        }
        long sequence;
        try (PreparedStatement ps = c.prepareStatement(NEXT)) {
            ps.setString(1, broker);
            ps.setString(2, type.key());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sequence = rs.getLong(1);
            }
        }
        for (int attempt = 0; attempt < InMemoryCrosswalk.MAX_ATTEMPTS; attempt++) {
            String value = generator.generate(sequence, attempt);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, broker);
                ps.setString(2, type.key());
                ps.setString(3, original);
                ps.setString(4, value);
                ps.setLong(5, sequence);
                ps.setQueryTimeout(30);
                if (ps.executeUpdate() == 1) {
                    return value;
                }
            }
        }
        throw new CrosswalkException("no free " + type.key() + " value after " + InMemoryCrosswalk.MAX_ATTEMPTS
                + " attempts for broker " + broker);
    }

    @Override
    public void list(String broker, IdType type, Sink sink) throws CrosswalkException, IOException {
        String sql = "SELECT id_type, original, research_id, seq, created_at FROM crosswalk WHERE broker = ?"
                + (type == null ? "" : " AND id_type = ?") + " ORDER BY id_type, seq";
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor (fetch size) needs a transaction in PostgreSQL
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, broker);
                if (type != null) {
                    ps.setString(2, type.key());
                }
                ps.setFetchSize(1000);
                ps.setQueryTimeout(300);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        IdType t = IdType.of(rs.getString(1));
                        java.sql.Timestamp created = rs.getTimestamp(5);
                        if (!sink.accept(new Mapping(broker, t, rs.getString(2), rs.getString(3), rs.getLong(4),
                                created == null ? null : created.toInstant()))) {
                            break;
                        }
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new CrosswalkException("crosswalk query failed: " + e.getMessage(), e);
        }
    }

    /** In the database: ILIKE on both values (the query's wildcards escaped), a count and one page. */
    @Override
    public Page search(String broker, IdType type, String query, int limit, int offset) throws CrosswalkException {
        StringBuilder where = new StringBuilder(" FROM crosswalk WHERE broker = ?");
        List<String> args = new ArrayList<>();
        args.add(broker);
        if (type != null) {
            where.append(" AND id_type = ?");
            args.add(type.key());
        }
        if (query != null && !query.isEmpty()) {
            where.append(" AND (original ILIKE ? ESCAPE '\\' OR research_id ILIKE ? ESCAPE '\\')");
            String pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(pattern);
            args.add(pattern);
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + where)) {
                bind(ps, args);
                ps.setQueryTimeout(60);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Mapping> page = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id_type, original, research_id, seq, created_at"
                    + where + " ORDER BY id_type, seq LIMIT ? OFFSET ?")) {
                int n = bind(ps, args);
                ps.setInt(n + 1, limit);
                ps.setLong(n + 2, offset);
                ps.setQueryTimeout(60);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        java.sql.Timestamp created = rs.getTimestamp(5);
                        page.add(new Mapping(broker, IdType.of(rs.getString(1)), rs.getString(2), rs.getString(3),
                                rs.getLong(4), created == null ? null : created.toInstant()));
                    }
                }
            }
            return new Page(total, page);
        } catch (SQLException e) {
            throw new CrosswalkException("crosswalk search failed: " + e.getMessage(), e);
        }
    }

    private static int bind(PreparedStatement ps, List<String> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setString(i + 1, args.get(i));
        }
        return args.size();
    }
}
