package org.xnat.router.routing.internal.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.xnat.router.routing.TransferInstance;
import org.xnat.router.routing.TransferPage;
import org.xnat.router.routing.TransferQuery;
import org.xnat.router.routing.TransferSearch;
import org.xnat.router.routing.TransferSummary;

/** Read side of tracking. */
public final class TransferQueries {

    private static final String SELECT = "SELECT t.id, t.study_uid, t.route_ae, COALESCE(t.calling_ae, ''),"
            + " COALESCE(t.destination, ''), t.status,"
            // counted here: the transfer row is not updated per received instance (see TrackingStore.recordIngest)
            + " (SELECT count(*) FROM transfer_instances ti WHERE ti.transfer_id = t.id),"
            + " (SELECT COALESCE(sum(ti.file_size), 0) FROM transfer_instances ti WHERE ti.transfer_id = t.id),"
            + " (SELECT count(*) FROM delivery_queue q WHERE q.transfer_id = t.id AND q.state = 'DONE'),"
            + " (SELECT count(*) FROM delivery_queue q WHERE q.transfer_id = t.id AND q.state = 'FAILED'),"
            + " t.started_at, t.completed_at, t.attempts, COALESCE(t.error_message, '') FROM transfers t";

    private final DataSource dataSource;

    public TransferQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<TransferSummary> list(TransferQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.status() != null && !q.status().isBlank()) {
            sql.append(" AND t.status = ?");
            args.add(q.status().strip().toUpperCase(Locale.ROOT));
        }
        if (q.routeAeTitle() != null && !q.routeAeTitle().isBlank()) {
            sql.append(" AND upper(t.route_ae) = upper(?)");
            args.add(q.routeAeTitle().strip());
        }
        if (q.studyInstanceUid() != null && !q.studyInstanceUid().isBlank()) {
            sql.append(" AND t.study_uid = ?");
            args.add(q.studyInstanceUid().strip());
        }
        if (q.destination() != null && !q.destination().isBlank()) {
            sql.append(" AND t.destination = ?");
            args.add(q.destination().strip());
        }
        sql.append(" ORDER BY t.id DESC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<TransferSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
            return out;
        }
    }

    /** {@link #list} with a time range on {@code started_at} and the total count (same filters, one snapshot). */
    public TransferPage search(TransferSearch q) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.status() != null && !q.status().isBlank()) {
            where.append(" AND t.status = ?");
            args.add(q.status().strip().toUpperCase(Locale.ROOT));
        }
        if (q.routeAeTitle() != null && !q.routeAeTitle().isBlank()) {
            where.append(" AND upper(t.route_ae) = upper(?)");
            args.add(q.routeAeTitle().strip());
        }
        if (q.studyInstanceUid() != null && !q.studyInstanceUid().isBlank()) {
            where.append(" AND t.study_uid = ?");
            args.add(q.studyInstanceUid().strip());
        }
        if (q.destination() != null && !q.destination().isBlank()) {
            where.append(" AND t.destination = ?");
            args.add(q.destination().strip());
        }
        if (q.startedFrom() != null) {
            where.append(" AND t.started_at >= ?");
            args.add(Timestamp.from(q.startedFrom()));
        }
        if (q.startedBefore() != null) {
            where.append(" AND t.started_at < ?");
            args.add(Timestamp.from(q.startedBefore()));
        }
        try (Connection c = dataSource.getConnection()) {
            // REPEATABLE READ: the count and the page describe the same state
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long total;
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM transfers t" + where)) {
                    bind(ps, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                List<TransferSummary> items = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(SELECT + where + " ORDER BY t.id DESC LIMIT ? OFFSET ?")) {
                    List<Object> all = new ArrayList<>(args);
                    all.add(q.limit());
                    all.add(q.offset());
                    bind(ps, all);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(summary(rs));
                        }
                    }
                }
                return new TransferPage(items, total);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        ps.setQueryTimeout(30);
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    public Optional<TransferSummary> get(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT + " WHERE t.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
            }
        }
    }

    public List<TransferInstance> instances(long transferId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sop_instance_uid, COALESCE(sop_class_uid, ''),"
                     + " COALESCE(series_uid, ''), COALESCE(file_size, 0), status, COALESCE(dimse_status, -1),"
                     + " COALESCE(error_message, ''), received_at FROM transfer_instances WHERE transfer_id = ?"
                     + " ORDER BY id LIMIT ?")) {
            ps.setLong(1, transferId);
            ps.setInt(2, Math.max(1, Math.min(limit, 100_000)));
            List<TransferInstance> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TransferInstance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), instant(rs.getTimestamp(8))));
                }
            }
            return out;
        }
    }

    /** The destination of a transfer, if it has one. */
    public Optional<String> destinationOf(long transferId) throws SQLException {
        return get(transferId).map(TransferSummary::destination).filter(d -> !d.isEmpty());
    }

    private static TransferSummary summary(ResultSet rs) throws SQLException {
        return new TransferSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getLong(8), rs.getInt(9), rs.getInt(10), instant(rs.getTimestamp(11)),
                instant(rs.getTimestamp(12)), rs.getInt(13), rs.getString(14));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
