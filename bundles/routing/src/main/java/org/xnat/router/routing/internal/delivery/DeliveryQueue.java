package org.xnat.router.routing.internal.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.xnat.router.api.transfer.TransferEvent;
import org.xnat.router.api.transfer.TransferState;
import org.xnat.router.routing.internal.tracking.TrackingStore;
import org.xnat.router.routing.internal.tracking.TransferPolicy;

/**
 * The PostgreSQL delivery queue shared by every router instance on the database. A worker claims the rows of
 * one transfer that are due with {@code FOR UPDATE SKIP LOCKED} and a lease ({@code claimed_by},
 * {@code claimed_until}); while it delivers, {@link #renew} extends the lease of everything this instance
 * holds; a lease that runs out (crashed instance) is put back by {@link #reapExpired}. Completing a row checks
 * it is still ours, so a row taken over after an expired lease is not overwritten.
 */
public final class DeliveryQueue {

    /** Bound of the queue counts behind every health check (the server cancels it; a hung one is dropped at 2x). */
    private static final int COUNTS_TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;

    public DeliveryQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims up to {@code maxRows} due rows of the transfer whose row is due first for {@code destination}. */
    public Optional<ClaimedBatch> claim(String destination, String owner, Duration lease, int maxRows) throws SQLException {
        List<long[]> ids = new ArrayList<>();
        List<QueueRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long transferId = -1;
                try (PreparedStatement ps = c.prepareStatement("WITH head AS (SELECT transfer_id FROM delivery_queue"
                        + " WHERE destination = ? AND state = 'PENDING' AND next_attempt_at <= now()"
                        + " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED),"
                        + " picked AS (SELECT q.id FROM delivery_queue q, head WHERE q.transfer_id = head.transfer_id"
                        + " AND q.destination = ? AND q.state = 'PENDING' AND q.next_attempt_at <= now()"
                        + " ORDER BY q.id LIMIT ? FOR UPDATE OF q SKIP LOCKED)"
                        + " UPDATE delivery_queue q SET state = 'IN_PROGRESS', claimed_by = ?,"
                        + " claimed_until = now() + make_interval(secs => ?), attempts = q.attempts + 1, updated_at = now()"
                        + " FROM picked WHERE q.id = picked.id"
                        + " RETURNING q.id, q.transfer_id, q.sop_instance_uid, q.file_path, q.attempts, q.spool_file_id")) {
                    ps.setString(1, destination);
                    ps.setString(2, destination);
                    ps.setInt(3, maxRows);
                    ps.setString(4, owner);
                    ps.setDouble(5, lease.toMillis() / 1000.0);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            transferId = rs.getLong(2);
                            rows.add(new QueueRow(rs.getLong(1), transferId, rs.getString(3), null, null, rs.getString(4),
                                    -1, rs.getInt(5)));
                            ids.add(new long[] {rs.getLong(1), rs.getLong(6)});
                        }
                    }
                }
                if (rows.isEmpty()) {
                    c.commit();
                    return Optional.empty();
                }
                rows.sort((a, b) -> Long.compare(a.id(), b.id()));
                Map<Long, Long> spoolIds = new HashMap<>();
                ids.forEach(p -> spoolIds.put(p[0], p[1]));
                List<QueueRow> full = withSpoolDetails(c, rows, spoolIds);
                TransferInfo info = transfer(c, transferId);
                int maxAttempts = full.stream().mapToInt(QueueRow::attempts).max().orElse(1);
                try (PreparedStatement ps = c.prepareStatement("UPDATE transfers SET status = 'SENDING',"
                        + " attempts = GREATEST(attempts, ?), updated_at = now() WHERE id = ? AND completed_at IS NULL")) {
                    ps.setInt(1, maxAttempts);
                    ps.setLong(2, transferId);
                    ps.executeUpdate();
                }
                c.commit();
                return Optional.of(new ClaimedBatch(info, full));
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
    }

    private static List<QueueRow> withSpoolDetails(Connection c, List<QueueRow> rows, Map<Long, Long> spoolIds)
            throws SQLException {
        Map<Long, String[]> details = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, sop_class_uid, transfer_syntax, file_size"
                + " FROM spool_files WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", spoolIds.values().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    details.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        List<QueueRow> out = new ArrayList<>(rows.size());
        for (QueueRow r : rows) {
            String[] d = details.getOrDefault(spoolIds.get(r.id()), new String[] {"", "", "-1"});
            out.add(new QueueRow(r.id(), r.transferId(), r.sopInstanceUid(), d[0], d[1], r.spoolPath(),
                    Long.parseLong(d[2]), r.attempts()));
        }
        return out;
    }

    static TransferInfo transfer(Connection c, long transferId) throws SQLException {
        String study;
        String route;
        String calling;
        String destination;
        String mode;
        int maxRetries;
        int delay;
        int timeout;
        try (PreparedStatement ps = c.prepareStatement("SELECT study_uid, route_ae, calling_ae, destination,"
                + " COALESCE(metadata->>'delivery', 'instance'), COALESCE((metadata->>'max_retries')::int, 3),"
                + " COALESCE((metadata->>'retry_delay_seconds')::int, 60),"
                + " COALESCE((metadata->>'study_timeout_seconds')::int, 30) FROM transfers WHERE id = ?")) {
            ps.setLong(1, transferId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("transfer " + transferId + " of a queue row does not exist");
                }
                study = rs.getString(1);
                route = rs.getString(2);
                calling = rs.getString(3);
                destination = rs.getString(4);
                mode = rs.getString(5);
                maxRetries = rs.getInt(6);
                delay = rs.getInt(7);
                timeout = rs.getInt(8);
            }
        }
        Map<String, Object> options = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key, value, jsonb_typeof(value) FROM transfers,"
                + " jsonb_each(COALESCE(metadata->'options', '{}'::jsonb)) WHERE id = ?")) {
            ps.setLong(1, transferId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String raw = rs.getString(2);
                    Object v = switch (rs.getString(3)) {
                        case "boolean" -> Boolean.parseBoolean(raw);
                        case "number" -> raw.contains(".") ? (Object) Double.parseDouble(raw) : (Object) Long.parseLong(raw);
                        case "string" -> unquote(raw);
                        default -> raw;
                    };
                    options.put(rs.getString(1), v);
                }
            }
        }
        return new TransferInfo(transferId, study, route, calling == null ? "" : calling, destination,
                new TransferPolicy(mode, maxRetries, delay, timeout, options));
    }

    private static String unquote(String json) {
        // values are written by Json.write; jsonb gives them back as JSON text
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < json.length() - 1; i++) {
            char ch = json.charAt(i);
            if (ch == '\\' && i + 1 < json.length() - 1) {
                char n = json.charAt(++i);
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> sb.append(n);
                }
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Extends the lease of every row this instance holds. */
    public int renew(String owner, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE delivery_queue SET claimed_until = now()"
                     + " + make_interval(secs => ?) WHERE claimed_by = ? AND state = 'IN_PROGRESS'")) {
            ps.setDouble(1, lease.toMillis() / 1000.0);
            ps.setString(2, owner);
            return ps.executeUpdate();
        }
    }

    /** Puts rows whose lease expired (their instance crashed or hung) back in the queue. */
    public int reapExpired() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE delivery_queue SET state = 'PENDING',"
                     + " last_error = 'claim of ' || COALESCE(claimed_by, '?') || ' expired', claimed_by = NULL,"
                     + " claimed_until = NULL, updated_at = now() WHERE state = 'IN_PROGRESS' AND claimed_until < now()")) {
            return ps.executeUpdate();
        }
    }

    /**
     * Puts claimed rows back without counting the attempt (shutdown, destination type gone).
     */
    public void release(ClaimedBatch batch, String owner, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE delivery_queue SET state = 'PENDING',"
                     + " attempts = GREATEST(attempts - 1, 0), claimed_by = NULL, claimed_until = NULL, last_error = ?,"
                     + " updated_at = now() WHERE id = ANY (?) AND claimed_by = ? AND state = 'IN_PROGRESS'")) {
            ps.setString(1, reason);
            ps.setArray(2, c.createArrayOf("bigint", batch.rows().stream().map(QueueRow::id).toArray()));
            ps.setString(3, owner);
            ps.executeUpdate();
        }
        updateTransferStatus(batch.transfer().id(), null);
    }

    /**
     * Puts claimed rows back without counting the attempt, due again after {@code delay} (their de-identification
     * cannot run yet: a processor type is missing or its settings are wrong).
     */
    public void postpone(ClaimedBatch batch, String owner, String reason, Duration delay) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE delivery_queue SET state = 'PENDING',"
                     + " attempts = GREATEST(attempts - 1, 0), claimed_by = NULL, claimed_until = NULL, last_error = ?,"
                     + " next_attempt_at = now() + make_interval(secs => ?), updated_at = now()"
                     + " WHERE id = ANY (?) AND claimed_by = ? AND state = 'IN_PROGRESS'")) {
            ps.setString(1, reason);
            ps.setDouble(2, delay.toMillis() / 1000.0);
            ps.setArray(3, c.createArrayOf("bigint", batch.rows().stream().map(QueueRow::id).toArray()));
            ps.setString(4, owner);
            ps.executeUpdate();
        }
        updateTransferStatus(batch.transfer().id(), reason);
    }

    /** The outcome of one instance of a delivery. */
    public record Outcome(boolean delivered, int dimseStatus, String error) {
    }

    /**
     * Records what happened to every row of a batch in one transaction: delivered rows are DONE; the others go
     * back to PENDING with a backoff while {@code retryable} and retries remain, else to FAILED (dead letter).
     *
     * @return the events to fire
     */
    public List<TransferEvent> complete(ClaimedBatch batch, String owner, Map<Long, Outcome> outcomes, boolean retryable,
            String error) throws SQLException {
        TransferInfo t = batch.transfer();
        int done = 0;
        int failed = 0;
        Instant retryAt = null;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement doneRow = c.prepareStatement("UPDATE delivery_queue SET state = 'DONE',"
                    + " claimed_by = NULL, claimed_until = NULL, last_error = NULL, updated_at = now()"
                    + " WHERE id = ? AND claimed_by = ? AND state = 'IN_PROGRESS'");
                 PreparedStatement retryRow = c.prepareStatement("UPDATE delivery_queue SET state = 'PENDING',"
                         + " claimed_by = NULL, claimed_until = NULL, last_error = ?, updated_at = now(),"
                         + " next_attempt_at = now() + make_interval(secs => ?)"
                         + " WHERE id = ? AND claimed_by = ? AND state = 'IN_PROGRESS'");
                 PreparedStatement failRow = c.prepareStatement("UPDATE delivery_queue SET state = 'FAILED',"
                         + " claimed_by = NULL, claimed_until = NULL, last_error = ?, updated_at = now()"
                         + " WHERE id = ? AND claimed_by = ? AND state = 'IN_PROGRESS'");
                 PreparedStatement instance = c.prepareStatement("UPDATE transfer_instances SET status = ?,"
                         + " dimse_status = ?, error_message = ?, updated_at = now()"
                         + " WHERE transfer_id = ? AND sop_instance_uid = ?");
                 PreparedStatement audit = c.prepareStatement("INSERT INTO audit_log (actor, action, target_type,"
                         + " target_id, detail) VALUES ('router', ?, 'instance', ?, jsonb_build_object('transfer', ?::bigint,"
                         + " 'destination', ?::text, 'attempt', ?::int, 'status', ?::int, 'error', ?::text))")) {
                for (QueueRow r : batch.rows()) {
                    Outcome o = outcomes.getOrDefault(r.id(), new Outcome(false, -1, error));
                    String state;
                    if (o.delivered()) {
                        doneRow.setLong(1, r.id());
                        doneRow.setString(2, owner);
                        doneRow.addBatch();
                        state = "DONE";
                        done++;
                    } else if (retryable && r.attempts() <= t.policy().maxRetries()) {
                        Duration wait = Backoff.after(r.attempts(), t.policy().retryDelaySeconds());
                        retryRow.setString(1, o.error());
                        retryRow.setDouble(2, wait.toMillis() / 1000.0);
                        retryRow.setLong(3, r.id());
                        retryRow.setString(4, owner);
                        retryRow.addBatch();
                        state = "QUEUED";
                        Instant at = Instant.now().plus(wait);
                        retryAt = retryAt == null || at.isBefore(retryAt) ? at : retryAt;
                    } else {
                        failRow.setString(1, o.error());
                        failRow.setLong(2, r.id());
                        failRow.setString(3, owner);
                        failRow.addBatch();
                        state = "FAILED";
                        failed++;
                    }
                    instance.setString(1, state);
                    if (o.dimseStatus() >= 0) {
                        instance.setInt(2, o.dimseStatus());
                    } else {
                        instance.setNull(2, java.sql.Types.INTEGER);
                    }
                    instance.setString(3, o.delivered() ? null : o.error());
                    instance.setLong(4, t.id());
                    instance.setString(5, r.sopInstanceUid());
                    instance.addBatch();
                    audit.setString(1, o.delivered() ? "instance.delivered"
                            : state.equals("FAILED") ? "instance.failed" : "instance.retry_scheduled");
                    audit.setString(2, r.sopInstanceUid());
                    audit.setLong(3, t.id());
                    audit.setString(4, t.destination());
                    audit.setInt(5, r.attempts());
                    audit.setInt(6, o.dimseStatus());
                    audit.setString(7, o.delivered() ? null : o.error());
                    audit.addBatch();
                }
                doneRow.executeBatch();
                retryRow.executeBatch();
                failRow.executeBatch();
                instance.executeBatch();
                audit.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
        updateTransferStatus(t.id(), done == batch.rows().size() ? null : error);
        List<TransferEvent> events = new ArrayList<>();
        int total = batch.rows().size();
        long bytes = batch.rows().stream().mapToLong(QueueRow::size).sum();
        if (retryAt != null) {
            events.add(new TransferEvent(t.id(), t.studyInstanceUid(), t.routeAeTitle(), t.destination(),
                    TransferState.RETRY_SCHEDULED, done, total, bytes, error, Instant.now()));
        } else {
            events.add(new TransferEvent(t.id(), t.studyInstanceUid(), t.routeAeTitle(), t.destination(),
                    TransferState.IN_PROGRESS, done, total, bytes, failed > 0 ? error : "", Instant.now()));
        }
        return events;
    }

    /** Sets an open transfer's status from its queue rows: SENDING, RETRYING or QUEUED. */
    void updateTransferStatus(long transferId, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE transfers t SET status = CASE"
                     + " WHEN EXISTS (SELECT 1 FROM delivery_queue q WHERE q.transfer_id = t.id AND q.state = 'IN_PROGRESS') THEN 'SENDING'"
                     + " WHEN EXISTS (SELECT 1 FROM delivery_queue q WHERE q.transfer_id = t.id AND q.state = 'PENDING' AND q.attempts > 0) THEN 'RETRYING'"
                     + " WHEN EXISTS (SELECT 1 FROM delivery_queue q WHERE q.transfer_id = t.id AND q.state = 'PENDING') THEN 'QUEUED'"
                     + " ELSE t.status END, error_message = COALESCE(?, t.error_message), updated_at = now()"
                     + " WHERE t.id = ? AND t.completed_at IS NULL")) {
            ps.setString(1, error);
            ps.setLong(2, transferId);
            ps.executeUpdate();
        }
    }

    /** Dead-letter rows of a transfer back to PENDING with a fresh retry budget; reopens the transfer. */
    public int retry(long transferId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement ps = c.prepareStatement("UPDATE delivery_queue SET state = 'PENDING', attempts = 0,"
                        + " next_attempt_at = now(), last_error = NULL, updated_at = now()"
                        + " WHERE transfer_id = ? AND state IN ('FAILED', 'CANCELLED')")) {
                    ps.setLong(1, transferId);
                    n = ps.executeUpdate();
                }
                if (n > 0) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE transfers SET status = 'QUEUED',"
                            + " completed_at = NULL, error_message = NULL, updated_at = now() WHERE id = ?")) {
                        ps.setLong(1, transferId);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("UPDATE transfer_instances SET status = 'QUEUED',"
                            + " error_message = NULL, updated_at = now() WHERE transfer_id = ? AND status IN ('FAILED', 'CANCELLED')")) {
                        ps.setLong(1, transferId);
                        ps.executeUpdate();
                    }
                    TrackingStore.audit(c, "transfer.retry", null, null, Map.of("transfer", transferId, "instances", n));
                }
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
    }

    /** Cancels the queued rows of a transfer. */
    public int cancel(long transferId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement ps = c.prepareStatement("UPDATE delivery_queue SET state = 'CANCELLED',"
                        + " updated_at = now() WHERE transfer_id = ? AND state = 'PENDING'")) {
                    ps.setLong(1, transferId);
                    n = ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE transfer_instances SET status = 'CANCELLED',"
                        + " updated_at = now() WHERE transfer_id = ? AND status = 'QUEUED'")) {
                    ps.setLong(1, transferId);
                    ps.executeUpdate();
                }
                // the quiet time no longer matters: the finisher closes it once nothing runs
                try (PreparedStatement ps = c.prepareStatement("UPDATE transfers SET last_received_at ="
                        + " '-infinity', updated_at = now() WHERE id = ? AND completed_at IS NULL")) {
                    ps.setLong(1, transferId);
                    ps.executeUpdate();
                }
                TrackingStore.audit(c, "transfer.cancel", null, null, Map.of("transfer", transferId, "instances", n));
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
    }

    /** Per destination: pending, in progress, failed row counts. */
    public Map<String, long[]> counts() throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT destination, count(*) FILTER (WHERE state = 'PENDING'),"
                     + " count(*) FILTER (WHERE state = 'IN_PROGRESS'), count(*) FILTER (WHERE state = 'FAILED')"
                     + " FROM delivery_queue WHERE state IN ('PENDING', 'IN_PROGRESS', 'FAILED') GROUP BY destination")) {
            // every health check and status page asks for these: a slow or hung database must not hold them long
            c.setNetworkTimeout(Runnable::run, COUNTS_TIMEOUT_SECONDS * 2000);
            ps.setQueryTimeout(COUNTS_TIMEOUT_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return out;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // broken connection; the original error is reported
        }
    }
}
