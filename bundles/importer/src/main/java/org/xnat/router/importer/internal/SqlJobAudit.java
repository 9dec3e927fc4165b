package org.xnat.router.importer.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.importer.ImportJob;

/**
 * Writes each finished job's summary to {@code audit_log} (action {@code import.run} or {@code import.dry_run},
 * target {@code import}/job id). A database problem is logged, never thrown: the import itself is done.
 */
final class SqlJobAudit implements JobAudit {

    private static final Logger LOG = LoggerFactory.getLogger(SqlJobAudit.class);
    private static final int QUERY_TIMEOUT_SECONDS = 10;

    private final DataSource dataSource;

    SqlJobAudit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void finished(ImportJob job) {
        String sql = "INSERT INTO audit_log (actor, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?::jsonb)";
        String actor = job.request().requestedBy().isBlank() ? "system" : job.request().requestedBy();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setString(1, actor);
            ps.setString(2, job.request().dryRun() ? "import.dry_run" : "import.run");
            ps.setString(3, "import");
            ps.setString(4, job.id());
            ps.setString(5, Json.object(detail(job)));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Import {}: cannot write the audit entry: {}", job.id(), e.getMessage());
        }
    }

    static Map<String, Object> detail(ImportJob job) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", job.request().directory().toString());
        d.put("route", job.request().routeAeTitle());
        d.put("recursive", job.request().recursive());
        d.put("move", job.request().move());
        d.put("dry_run", job.request().dryRun());
        d.put("state", job.state().name());
        d.put("files", job.filesTotal());
        d.put("imported", job.imported());
        d.put("filtered", job.filtered());
        d.put("skipped", job.skipped());
        d.put("failed", job.failed());
        d.put("bytes", job.bytesDone());
        d.put("studies", job.studies().size());
        d.put("started_at", job.startedAt().toString());
        d.put("finished_at", job.finishedAt() == null ? null : job.finishedAt().toString());
        return d;
    }
}
