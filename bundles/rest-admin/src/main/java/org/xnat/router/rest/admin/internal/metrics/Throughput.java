package org.xnat.router.rest.admin.internal.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Instances and bytes per minute from the tracking tables: received = every instance acknowledged on a route
 * ({@code spool_files}, whatever its source: network, import, upload), delivered = every instance a destination
 * took ({@code transfer_instances} in state DONE, by the time of that update). Minutes without traffic are
 * rows of zeros, so a chart needs no gap handling.
 */
final class Throughput {

    static final int MAX_MINUTES = 24 * 60;
    private static final int QUERY_TIMEOUT_SECONDS = 10;

    /** One minute (its start) and what happened in it. */
    record Minute(OffsetDateTime minute, long receivedInstances, long receivedBytes, long deliveredInstances,
            long deliveredBytes) {
    }

    private static final String SQL = """
            WITH bounds AS (SELECT date_trunc('minute', now()) - make_interval(mins => ?) AS since),
            minutes AS (
              SELECT generate_series((SELECT since FROM bounds), date_trunc('minute', now()), interval '1 minute') AS minute
            ),
            received AS (
              SELECT date_trunc('minute', received_at) AS minute, count(*) AS n, COALESCE(sum(file_size), 0) AS b
              FROM spool_files WHERE received_at >= (SELECT since FROM bounds) GROUP BY 1
            ),
            delivered AS (
              SELECT date_trunc('minute', updated_at) AS minute, count(*) AS n, COALESCE(sum(file_size), 0) AS b
              FROM transfer_instances WHERE status = 'DONE' AND updated_at >= (SELECT since FROM bounds) GROUP BY 1
            )
            SELECT m.minute, COALESCE(r.n, 0), COALESCE(r.b, 0), COALESCE(d.n, 0), COALESCE(d.b, 0)
            FROM minutes m LEFT JOIN received r ON r.minute = m.minute LEFT JOIN delivered d ON d.minute = m.minute
            ORDER BY m.minute
            """;

    private final DataSource dataSource;

    Throughput(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The last {@code minutes} whole minutes and the current one (oldest first): {@code minutes + 1} rows. */
    List<Minute> lastMinutes(int minutes) throws SQLException {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("minutes must be between 1 and " + MAX_MINUTES + ", got " + minutes);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setInt(1, minutes);
            List<Minute> out = new ArrayList<>(minutes + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Minute(rs.getObject(1, OffsetDateTime.class), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5)));
                }
            }
            return out;
        }
    }
}
