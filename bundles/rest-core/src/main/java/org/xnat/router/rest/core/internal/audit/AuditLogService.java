package org.xnat.router.rest.core.internal.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.rest.AuditLog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** {@link AuditLog} on the {@code audit_log} table, and the queries behind {@code GET /api/audit}. */
@Component(service = {AuditLog.class, AuditLogService.class})
public class AuditLogService implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLogService.class);
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_TEXT = 500;
    private static final int MAX_DETAIL_CHARS = 16_000;
    private static final int QUERY_TIMEOUT_SECONDS = 10;

    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Activate
    public AuditLogService(@Reference(target = "(dataSourceName=router)") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void record(String actor, String action, String targetType, String targetId, String remoteAddress,
            Map<String, ?> detail) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (actor, action, target_type, target_id,"
                     + " remote_address, detail) VALUES (?, ?, ?, ?, ?::inet, ?::jsonb)")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setString(1, cap(actor == null || actor.isBlank() ? "system" : actor, MAX_TEXT));
            ps.setString(2, cap(action, 100));
            ps.setString(3, targetType == null ? null : cap(targetType, 100));
            ps.setString(4, targetId == null ? null : cap(targetId, MAX_TEXT));
            ps.setString(5, remoteAddress != null && IP.matcher(remoteAddress).matches() ? remoteAddress : null);
            ps.setString(6, detailJson(detail));
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            // the change itself is done; losing its audit row must not turn it into an error
            LOG.error("Audit record failed ({} {} {}/{}): {}", actor, action, targetType, targetId, e.getMessage());
        }
    }

    private String detailJson(Map<String, ?> detail) {
        if (detail == null || detail.isEmpty()) {
            return "{}";
        }
        try {
            String s = json.writeValueAsString(detail);
            if (s.length() > MAX_DETAIL_CHARS) {
                return json.writeValueAsString(Map.of("truncated", true, "chars", s.length()));
            }
            return s;
        } catch (JsonProcessingException e) {
            return "{\"unserializable\":true}";
        }
    }

    /** Entries newest first, and how many match in total. */
    public Page query(AuditQuery q) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.actor() != null) {
            where.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (q.action() != null) {
            if (q.action().endsWith("*") || q.action().endsWith(".")) {
                String prefix = q.action().endsWith("*") ? q.action().substring(0, q.action().length() - 1) : q.action();
                where.append(" AND starts_with(action, ?)");
                args.add(prefix);
            } else {
                where.append(" AND action = ?");
                args.add(q.action());
            }
        }
        if (q.targetType() != null) {
            where.append(" AND target_type = ?");
            args.add(q.targetType());
        }
        if (q.targetId() != null) {
            where.append(" AND target_id = ?");
            args.add(q.targetId());
        }
        if (q.from() != null) {
            where.append(" AND occurred_at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND occurred_at < ?");
            args.add(Timestamp.from(q.to()));
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<AuditEntry> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, occurred_at, actor, action, target_type, target_id,"
                    + " host(remote_address), detail::text FROM audit_log" + where
                    + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")) {
                List<Object> all = new ArrayList<>(args);
                all.add(q.limit());
                all.add(q.offset());
                bind(ps, all);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), detail(rs.getString(8))));
                    }
                }
            }
            return new Page(items, total);
        }
    }

    /** A page of entries and the count of all matching. */
    public record Page(List<AuditEntry> items, long total) {
    }

    private Map<String, Object> detail(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            return Map.of("raw", text);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private static String cap(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() > max ? s.substring(0, max) : s;
    }
}
