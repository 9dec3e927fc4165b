package org.xnat.router.routing.internal.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of a routed instance written by one statement (one round trip instead of five per destination): the
 * {@code spool_files} row, per joined transfer its {@code transfer_instances} row and its {@code delivery_queue}
 * row (a re-sent instance whose row is still pending gets the new file instead of a second row; in study mode the
 * study's pending rows move to the new quiet-time end), and the {@code audit_log} entry. Data-modifying CTEs all
 * see the statement's snapshot, so each part is written so that it does not need another part's effects except
 * through {@code RETURNING}.
 */
final class IngestRows {

    private IngestRows() {
    }

    /** @return the id of the {@code spool_files} row */
    static long insert(Connection c, ReceivedInstance in, Map<Long, Map.Entry<String, TransferPolicy>> transfers,
            String warnings, String auditAction, String auditDetailJson, String remoteAddress) throws SQLException {
        StringBuilder sql = new StringBuilder("WITH s AS (INSERT INTO spool_files (path, route_ae, calling_ae,"
                + " remote_host, source, study_uid, series_uid, sop_instance_uid, sop_class_uid, transfer_syntax,"
                + " file_size, status) VALUES (?,?,?,?,?,?,?,?,?,?,?, 'ROUTED') RETURNING id)");
        List<Object> args = new ArrayList<>(List.of(in.spoolPath(), in.routeAeTitle(),
                nullable(TrackingStore.emptyToNull(in.callingAeTitle())),
                nullable(TrackingStore.emptyToNull(in.remoteHost())), in.source(),
                nullable(TrackingStore.cap(in.studyInstanceUid(), 64)),
                nullable(TrackingStore.cap(in.seriesInstanceUid(), 64)),
                nullable(TrackingStore.cap(in.sopInstanceUid(), 64)), nullable(TrackingStore.cap(in.sopClassUid(), 64)),
                nullable(TrackingStore.cap(in.transferSyntaxUid(), 64)), in.fileSize()));
        int i = 0;
        for (Map.Entry<Long, Map.Entry<String, TransferPolicy>> t : transfers.entrySet()) {
            long transferId = t.getKey();
            String destination = t.getValue().getKey();
            TransferPolicy policy = t.getValue().getValue();
            int delay = policy.isStudyMode() ? policy.studyTimeoutSeconds() : 0;
            sql.append(", ti").append(i).append(" AS (INSERT INTO transfer_instances (transfer_id, sop_instance_uid,"
                    + " sop_class_uid, series_uid, transfer_syntax, file_path, file_size, status, error_message,"
                    + " spool_file_id, updated_at) SELECT ?,?,?,?,?,?,?, 'QUEUED', ?, s.id, now() FROM s"
                    + " ON CONFLICT (transfer_id, sop_instance_uid) DO UPDATE SET sop_class_uid = EXCLUDED.sop_class_uid,"
                    + " file_path = EXCLUDED.file_path, file_size = EXCLUDED.file_size, status = EXCLUDED.status,"
                    + " error_message = EXCLUDED.error_message, spool_file_id = EXCLUDED.spool_file_id,"
                    + " dimse_status = NULL, received_at = now(), updated_at = now() RETURNING 1)");
            args.addAll(List.of(transferId, nullable(TrackingStore.cap(in.sopInstanceUid(), 64)),
                    nullable(TrackingStore.cap(in.sopClassUid(), 64)),
                    nullable(TrackingStore.cap(in.seriesInstanceUid(), 64)),
                    nullable(TrackingStore.cap(in.transferSyntaxUid(), 64)), in.spoolPath(), in.fileSize(),
                    nullable(warnings)));
            // a row is changed at most once per statement: the re-sent instance's row moves its own quiet-time end
            sql.append(", uq").append(i).append(" AS (UPDATE delivery_queue SET file_path = ?,"
                    + " spool_file_id = (SELECT id FROM s), updated_at = now()")
                    .append(policy.isStudyMode() ? ", next_attempt_at = CASE WHEN attempts = 0 THEN now()"
                            + " + make_interval(secs => " + delay + ") ELSE next_attempt_at END" : "")
                    .append(" WHERE transfer_id = ? AND sop_instance_uid = ? AND state = 'PENDING' RETURNING 1)");
            args.addAll(List.of(in.spoolPath(), transferId, nullable(in.sopInstanceUid())));
            sql.append(", iq").append(i).append(" AS (INSERT INTO delivery_queue (transfer_id, destination, study_uid,"
                    + " series_uid, sop_instance_uid, file_path, spool_file_id, next_attempt_at)"
                    + " SELECT ?, ?, ?, ?, ?, ?, s.id, now() + make_interval(secs => ?) FROM s"
                    + " WHERE NOT EXISTS (SELECT 1 FROM uq").append(i).append(") RETURNING 1)");
            args.addAll(List.of(transferId, destination, nullable(TrackingStore.cap(in.studyInstanceUid(), 64)),
                    nullable(TrackingStore.cap(in.seriesInstanceUid(), 64)),
                    nullable(TrackingStore.cap(in.sopInstanceUid(), 64)), in.spoolPath(), delay));
            if (policy.isStudyMode()) {
                // a study goes out after its quiet time: every new instance moves the whole study's start (the row
                // inserted above already has the new time; this statement's snapshot does not see it)
                sql.append(", sq").append(i).append(" AS (UPDATE delivery_queue SET next_attempt_at = now()"
                        + " + make_interval(secs => ?) WHERE transfer_id = ? AND state = 'PENDING' AND attempts = 0"
                        + " AND sop_instance_uid IS DISTINCT FROM ? RETURNING 1)");
                args.addAll(List.of(delay, transferId, nullable(in.sopInstanceUid())));
            }
            i++;
        }
        sql.append(", a AS (INSERT INTO audit_log (actor, action, target_type, target_id, remote_address, detail)"
                + " VALUES ('router', ?, 'instance', ?, ?::inet, ?::jsonb) RETURNING 1) SELECT id FROM s");
        args.addAll(List.of(auditAction, nullable(in.sopInstanceUid()), nullable(remoteAddress), auditDetailJson));
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int p = 0; p < args.size(); p++) {
                bind(ps, p + 1, args.get(p));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A null String argument (List.of refuses nulls). */
    private static final Object NULL = new Object();

    private static Object nullable(String s) {
        return s == null ? NULL : s;
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == NULL) {
            ps.setNull(index, Types.VARCHAR);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof Integer n) {
            ps.setInt(index, n);
        } else {
            ps.setString(index, (String) value);
        }
    }
}
