package org.xnat.router.routing.internal.tracking;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.xnat.router.api.transfer.TransferEvent;
import org.xnat.router.api.transfer.TransferState;
import org.xnat.router.routing.internal.route.RoutingDecision;

/**
 * The engine's writes to the tracking tables ({@code spool_files}, {@code transfers}, {@code transfer_instances},
 * {@code delivery_queue}, {@code audit_log}) that are not queue mechanics. Every method is one transaction.
 */
public final class TrackingStore {

    /** Statuses of an open transfer that a new instance may join, per delivery mode. */
    private static final String[] OPEN_INSTANCE_MODE = {"QUEUED", "SENDING", "RETRYING"};
    private static final String[] OPEN_STUDY_MODE = {"QUEUED"};

    /** As the persistence bundle's default {@code storeTimeoutSeconds}. */
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final int storeTimeoutMillis;

    public TrackingStore(DataSource dataSource) {
        this(dataSource, DEFAULT_STORE_TIMEOUT);
    }

    /** @param storeTimeout the longest each statement of {@link #recordIngest} waits for the database */
    public TrackingStore(DataSource dataSource, Duration storeTimeout) {
        this.dataSource = dataSource;
        this.storeTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, storeTimeout.toMillis());
    }

    /**
     * Records a received instance with its routing in one transaction: the spool file, the transfer (joined or
     * opened) and transfer instance per destination, the queue rows, and the audit entry.
     *
     * @param policies per destination of a ROUTED decision, how it is delivered
     */
    public Recorded recordIngest(ReceivedInstance in, RoutingDecision decision, Map<String, TransferPolicy> policies)
            throws SQLException {
        try {
            return recordIngest(in, decision, policies, () -> { });
        } catch (IOException e) {
            throw new IllegalStateException("unreachable: nothing to await", e);
        }
    }

    /** What must be true before the commit: the spool file is on disk. */
    @FunctionalInterface
    public interface BeforeCommit {
        void await() throws IOException;
    }

    /**
     * As above; {@code beforeCommit} runs after the statements and before the commit (the spool file's fsync ran
     * meanwhile), and when it fails nothing is recorded.
     */
    public Recorded recordIngest(ReceivedInstance in, RoutingDecision decision, Map<String, TransferPolicy> policies,
            BeforeCommit beforeCommit) throws SQLException, IOException {
        List<TransferEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            // The sender waits for this transaction: with a hung database (stopped server, network partition) a read
            // would otherwise block until the pool's socket timeout. The pool restores its own timeout on close.
            c.setNetworkTimeout(Runnable::run, storeTimeoutMillis);
            c.setAutoCommit(false);
            try {
                // no per-study lock here: concurrent stores of one study join its transfer under a key-share row
                // lock and commit together; only opening a transfer is serialized (openTransferLock)
                boolean routed = decision.verdict() == RoutingDecision.Verdict.ROUTED;
                Map<String, Object> detail = auditDetail(in, decision);
                if (routed) {
                    // one statement per destination to join (or open) its transfer, then one for all the rows
                    Map<Long, Map.Entry<String, TransferPolicy>> joined = new LinkedHashMap<>();
                    for (Map.Entry<String, TransferPolicy> e : policies.entrySet()) {
                        TransferJoin j = joinTransfer(c, in, e.getKey(), e.getValue());
                        joined.put(j.transferId(), e);
                        if (j.created() != null) {
                            events.add(j.created());
                        }
                    }
                    String warnings = String.join("; ", decision.warnings());
                    long spoolId = IngestRows.insert(c, in, joined, warnings.isEmpty() ? null : warnings,
                            "instance.received", Json.write(detail), inetOrNull(in.remoteHost()));
                    beforeCommit.await();
                    c.commit();
                    return new Recorded(spoolId, events);
                }
                long spoolId = insertSpoolFile(c, in, false, decision.rule());
                TransferEvent created = reject(c, in, spoolId, decision.rule());
                if (created != null) {
                    events.add(created);
                }
                audit(c, "instance.rejected", in.sopInstanceUid(), in.remoteHost(), detail);
                beforeCommit.await();
                c.commit();
                return new Recorded(spoolId, events);
            } catch (SQLException | IOException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
    }

    private static Map<String, Object> auditDetail(ReceivedInstance in, RoutingDecision decision) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("route", in.routeAeTitle());
        detail.put("calling_ae", in.callingAeTitle());
        detail.put("source", in.source());
        detail.put("study", in.studyInstanceUid());
        detail.put("spool_file", in.spoolPath());
        detail.put("outcome", decision.verdict().name());
        detail.put("destinations", decision.destinationNames());
        if (!decision.rule().isEmpty()) {
            detail.put("rule", decision.rule());
        }
        if (!decision.warnings().isEmpty()) {
            detail.put("warnings", decision.warnings());
        }
        return detail;
    }

    /** @param spoolFileId the {@code spool_files} row; @param transferEvents transfers opened by this instance */
    public record Recorded(long spoolFileId, List<TransferEvent> transferEvents) {
    }

    private static long insertSpoolFile(Connection c, ReceivedInstance in, boolean routed, String rule) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO spool_files (path, route_ae, calling_ae, remote_host,"
                + " source, study_uid, series_uid, sop_instance_uid, sop_class_uid, transfer_syntax, file_size, status,"
                + " rejected_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id")) {
            ps.setString(1, in.spoolPath());
            ps.setString(2, in.routeAeTitle());
            ps.setString(3, emptyToNull(in.callingAeTitle()));
            ps.setString(4, emptyToNull(in.remoteHost()));
            ps.setString(5, in.source());
            ps.setString(6, cap(in.studyInstanceUid(), 64));
            ps.setString(7, cap(in.seriesInstanceUid(), 64));
            ps.setString(8, cap(in.sopInstanceUid(), 64));
            ps.setString(9, cap(in.sopClassUid(), 64));
            ps.setString(10, cap(in.transferSyntaxUid(), 64));
            ps.setLong(11, in.fileSize());
            ps.setString(12, routed ? "ROUTED" : "REJECTED");
            ps.setString(13, routed ? null : rule);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The transfer an instance joins, and the event when this instance opened it. */
    private record TransferJoin(long transferId, TransferEvent created) {
    }

    private static TransferJoin joinTransfer(Connection c, ReceivedInstance in, String destination,
            TransferPolicy policy) throws SQLException {
        TransferEvent created = null;
        String[] open = policy.isStudyMode() ? OPEN_STUDY_MODE : OPEN_INSTANCE_MODE;
        Long transferId = findOpenTransfer(c, in, destination, open);
        if (transferId == null) {
            openTransferLock(c, in);
            transferId = findOpenTransfer(c, in, destination, open);
        }
        if (transferId == null) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO transfers (study_uid, route_ae, calling_ae,"
                    + " remote_host, destination_id, destination, status, metadata, last_received_at) VALUES (?, ?, ?, ?,"
                    + " (SELECT id FROM destinations WHERE name = ?), ?, 'QUEUED', ?::jsonb, now()) RETURNING id")) {
                ps.setString(1, in.studyInstanceUid());
                ps.setString(2, in.routeAeTitle());
                ps.setString(3, emptyToNull(in.callingAeTitle()));
                ps.setString(4, emptyToNull(in.remoteHost()));
                ps.setString(5, destination);
                ps.setString(6, destination);
                ps.setString(7, policy.toJson());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    transferId = rs.getLong(1);
                }
            }
            created = new TransferEvent(transferId, in.studyInstanceUid(), in.routeAeTitle(), destination,
                    TransferState.QUEUED, 0, 1, 0, "", Instant.now());
        }
        return new TransferJoin(transferId, created);
    }

    private TransferEvent reject(Connection c, ReceivedInstance in, long spoolId, String rule) throws SQLException {
        TransferEvent created = null;
        Long transferId = findRejectedTransfer(c, in);
        if (transferId == null) {
            openTransferLock(c, in);
            transferId = findRejectedTransfer(c, in);
        }
        if (transferId == null) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO transfers (study_uid, route_ae, calling_ae,"
                    + " remote_host, status, error_message, last_received_at, completed_at) VALUES (?, ?, ?, ?,"
                    + " 'REJECTED', ?, now(), now()) RETURNING id")) {
                ps.setString(1, in.studyInstanceUid());
                ps.setString(2, in.routeAeTitle());
                ps.setString(3, emptyToNull(in.callingAeTitle()));
                ps.setString(4, emptyToNull(in.remoteHost()));
                ps.setString(5, rule);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    transferId = rs.getLong(1);
                }
            }
            created = new TransferEvent(transferId, in.studyInstanceUid(), in.routeAeTitle(), "",
                    TransferState.CANCELLED, 0, 1, 0, "rejected: " + rule, Instant.now());
        }
        upsertInstance(c, transferId, in, spoolId, "REJECTED", rule);
        // the newest rule is the transfer's message; written only when it changes, so that rejected stores of one
        // study do not queue on the row
        try (PreparedStatement ps = c.prepareStatement("UPDATE transfers SET error_message = ?, updated_at = now()"
                + " WHERE id = ? AND error_message IS DISTINCT FROM ?")) {
            ps.setString(1, rule);
            ps.setLong(2, transferId);
            ps.setString(3, rule);
            ps.executeUpdate();
        }
        return created;
    }

    /**
     * The open transfer of this study to this destination, locked FOR KEY SHARE until the commit: concurrent stores
     * of the study share the lock, while {@link #finishQuietTransfers()} (FOR UPDATE SKIP LOCKED) cannot close a
     * transfer that an uncommitted instance is joining.
     */
    private static Long findOpenTransfer(Connection c, ReceivedInstance in, String destination, String[] statuses)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM transfers WHERE route_ae = ? AND study_uid = ?"
                + " AND destination = ? AND completed_at IS NULL AND status = ANY (?) ORDER BY id DESC LIMIT 1"
                + " FOR KEY SHARE")) {
            ps.setString(1, in.routeAeTitle());
            ps.setString(2, in.studyInstanceUid());
            ps.setString(3, destination);
            ps.setArray(4, c.createArrayOf("varchar", statuses));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static Long findRejectedTransfer(Connection c, ReceivedInstance in) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM transfers WHERE route_ae = ? AND study_uid = ?"
                + " AND destination IS NULL AND status = 'REJECTED' ORDER BY id DESC LIMIT 1 FOR KEY SHARE")) {
            ps.setString(1, in.routeAeTitle());
            ps.setString(2, in.studyInstanceUid());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /**
     * Only a store that finds no transfer to join takes this per-study lock (until its commit) and looks again:
     * two first instances of a study must not open two transfers. The second one waits for the first one's commit
     * and then sees its transfer (READ COMMITTED: every statement a new snapshot).
     */
    private static void openTransferLock(Connection c, ReceivedInstance in) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, in.routeAeTitle() + "|" + in.studyInstanceUid());
            ps.executeQuery().close();
        }
    }

    private static boolean upsertInstance(Connection c, long transferId, ReceivedInstance in, long spoolId, String status,
            String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO transfer_instances (transfer_id, sop_instance_uid,"
                + " sop_class_uid, series_uid, transfer_syntax, file_path, file_size, status, error_message,"
                + " spool_file_id, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?, now())"
                + " ON CONFLICT (transfer_id, sop_instance_uid) DO UPDATE SET sop_class_uid = EXCLUDED.sop_class_uid,"
                + " file_path = EXCLUDED.file_path, file_size = EXCLUDED.file_size, status = EXCLUDED.status,"
                + " error_message = EXCLUDED.error_message, spool_file_id = EXCLUDED.spool_file_id,"
                + " dimse_status = NULL, received_at = now(), updated_at = now() RETURNING (xmax = 0)")) {
            ps.setLong(1, transferId);
            ps.setString(2, cap(in.sopInstanceUid(), 64));
            ps.setString(3, cap(in.sopClassUid(), 64));
            ps.setString(4, cap(in.seriesInstanceUid(), 64));
            ps.setString(5, cap(in.transferSyntaxUid(), 64));
            ps.setString(6, in.spoolPath());
            ps.setLong(7, in.fileSize());
            ps.setString(8, status);
            ps.setString(9, error);
            ps.setLong(10, spoolId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Appends to the audit trail (actor {@code router}). */
    public static void audit(Connection c, String action, String sopInstanceUid, String remoteHost,
            Map<String, Object> detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (actor, action, target_type, target_id,"
                + " remote_address, detail) VALUES ('router', ?, 'instance', ?, ?::inet, ?::jsonb)")) {
            ps.setString(1, action);
            ps.setString(2, sopInstanceUid);
            ps.setString(3, inetOrNull(remoteHost));
            ps.setString(4, Json.write(detail));
            ps.executeUpdate();
        }
    }

    /**
     * Transfers whose study has been quiet for its timeout and whose queue rows are all final get their final
     * status: DONE (all delivered), FAILED (none), PARTIAL (some), CANCELLED (all cancelled).
     */
    public List<TransferEvent> finishQuietTransfers() throws SQLException {
        List<TransferEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            // The sender waits for this transaction: with a hung database (stopped server, network partition) a read
            // would otherwise block until the pool's socket timeout. The pool restores its own timeout on close.
            c.setNetworkTimeout(Runnable::run, storeTimeoutMillis);
            c.setAutoCommit(false);
            try {
                // 1. the quiet candidates, skipping those a store is joining right now (it holds FOR KEY SHARE);
                // a store arriving later waits for this transaction and then no longer finds the transfer open
                List<Long> quiet = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT t.id FROM transfers t WHERE t.completed_at IS NULL"
                        + " AND t.destination IS NOT NULL AND " + QUIET + " FOR UPDATE OF t SKIP LOCKED");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        quiet.add(rs.getLong(1));
                    }
                }
                if (quiet.isEmpty()) {
                    c.commit();
                    return events;
                }
                // 2. a new snapshot: it sees every instance committed before the locks were taken
                try (PreparedStatement ps = c.prepareStatement("WITH counts AS ("
                        + " SELECT t.id, count(q.id) FILTER (WHERE q.state = 'DONE') AS done,"
                        + " count(q.id) FILTER (WHERE q.state = 'FAILED') AS failed,"
                        + " count(q.id) FILTER (WHERE q.state = 'CANCELLED') AS cancelled,"
                        + " count(q.id) FILTER (WHERE q.state IN ('PENDING', 'IN_PROGRESS')) AS open, count(q.id) AS total"
                        + " FROM transfers t LEFT JOIN delivery_queue q ON q.transfer_id = t.id"
                        + " WHERE t.id = ANY (?) AND " + QUIET + " GROUP BY t.id)"
                        + " UPDATE transfers t SET status = CASE WHEN counts.total = counts.cancelled THEN 'CANCELLED'"
                        + " WHEN counts.failed = 0 AND counts.cancelled = 0 THEN 'DONE' WHEN counts.done = 0 THEN 'FAILED'"
                        + " ELSE 'PARTIAL' END, completed_at = now(), updated_at = now()"
                        + " FROM counts WHERE t.id = counts.id AND counts.open = 0"
                        + " RETURNING t.id, t.study_uid, t.route_ae, t.destination, t.status, counts.done, counts.total,"
                        + " (SELECT COALESCE(sum(ti.file_size), 0) FROM transfer_instances ti WHERE ti.transfer_id = t.id),"
                        + " t.error_message")) {
                    ps.setArray(1, c.createArrayOf("bigint", quiet.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String status = rs.getString(5);
                            TransferState state = switch (status) {
                                case "DONE" -> TransferState.COMPLETED;
                                case "CANCELLED" -> TransferState.CANCELLED;
                                default -> TransferState.FAILED;
                            };
                            events.add(new TransferEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    state, rs.getInt(6), rs.getInt(7), rs.getLong(8),
                                    "DONE".equals(status) ? "" : rs.getString(9), Instant.now()));
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                events.clear();
                throw e;
            }
        }
        return events;
    }

    /**
     * A transfer's study is quiet when no instance of it was received within its timeout. A cancelled transfer has
     * {@code last_received_at = -infinity}: it is quiet at once (the finisher still waits for running deliveries).
     */
    private static final String QUIET = "(t.last_received_at = '-infinity' OR (t.last_received_at < now()"
            + " - make_interval(secs => COALESCE((t.metadata->>'study_timeout_seconds')::int, 30)) AND NOT EXISTS ("
            + "SELECT 1 FROM transfer_instances ti WHERE ti.transfer_id = t.id AND ti.received_at >= now()"
            + " - make_interval(secs => COALESCE((t.metadata->>'study_timeout_seconds')::int, 30)))))";

    /**
     * Spool files whose deliveries are all final (or that were rejected) and that were received before
     * {@code keepUntil}: candidates for deletion.
     */
    public Map<Long, String> removableSpoolFiles(Instant receivedBefore, int limit) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT s.id, s.path FROM spool_files s WHERE s.deleted_at IS NULL"
                     + " AND s.received_at < ? AND NOT EXISTS (SELECT 1 FROM delivery_queue q WHERE q.spool_file_id = s.id"
                     + " AND q.state IN ('PENDING', 'IN_PROGRESS', 'FAILED')) ORDER BY s.received_at LIMIT ?")) {
            ps.setTimestamp(1, Timestamp.from(receivedBefore));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Failed (dead-letter) instances' files are kept for a manual retry until this older limit. */
    public Map<Long, String> expiredFailedSpoolFiles(Instant receivedBefore, int limit) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT s.id, s.path FROM spool_files s WHERE s.deleted_at IS NULL"
                     + " AND s.received_at < ? AND NOT EXISTS (SELECT 1 FROM delivery_queue q WHERE q.spool_file_id = s.id"
                     + " AND q.state IN ('PENDING', 'IN_PROGRESS')) ORDER BY s.received_at LIMIT ?")) {
            ps.setTimestamp(1, Timestamp.from(receivedBefore));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    public void markSpoolFilesDeleted(Set<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE spool_files SET deleted_at = now() WHERE id = ANY (?)")) {
            Array a = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, a);
            ps.executeUpdate();
        }
    }

    /** Which of these spool paths have a (not deleted) row. */
    public Set<String> knownSpoolPaths(List<String> paths) throws SQLException {
        Set<String> known = new HashSet<>();
        if (paths.isEmpty()) {
            return known;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT path FROM spool_files WHERE path = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", paths.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        return known;
    }

    static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is broken; the original error is what matters
        }
    }

    static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static String cap(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

    private static String inetOrNull(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        // only literal addresses fit the INET column
        return host.matches("[0-9.]+|[0-9a-fA-F:]+") ? host : null;
    }
}
