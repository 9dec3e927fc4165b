package org.xnat.router.configstore.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.config.ConfigFileException;
import org.xnat.router.config.ConfigIssue;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigChange;
import org.xnat.router.configstore.ConfigRejectedException;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.configstore.ConfigVersionSummary;

/**
 * {@link ConfigStore} on PostgreSQL. A save reads the current version, builds and validates the new document,
 * and inserts it with {@code parent_id} = the version it was based on; the UNIQUE constraint on
 * {@code parent_id} lets only one of two concurrent saves (from any router instance) win, so the history stays
 * linear without a lock in Java. The loser retries on the new current version ({@code expectedVersion = -1})
 * or gets a conflict.
 */
final class DatabaseConfigStore implements ConfigStore {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConfigStore.class);

    static final String SAVE = "config.save";
    static final String ROLLBACK = "config.rollback";
    static final String IMPORT = "config.import";

    /** Saves with expectedVersion -1 are tried this often when other saves keep winning. */
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_HISTORY = 1000;
    static final int MAX_COMMENT = 2000;
    static final int MAX_AUTHOR = 200;
    /** A config.yaml is a few kilobytes; the file reader refuses more than this anyway. */
    static final int MAX_YAML_CHARS = 4 * 1024 * 1024;

    private final VersionRows rows;
    private final DocumentValidator validator;
    private final DocumentJson json = new DocumentJson();
    private final VersionCache cache = new VersionCache(32);
    private final LongConsumer saved;

    /**
     * @param saved told the id of every version this store saved, after the commit (to wake the notifier)
     */
    DatabaseConfigStore(VersionRows rows, DocumentValidator validator, LongConsumer saved) {
        this.rows = rows;
        this.validator = validator;
        this.saved = saved;
    }

    VersionRows rows() {
        return rows;
    }

    DocumentValidator validator() {
        return validator;
    }

    // ---------------------------------------------------------------- reading

    static ConfigVersion empty() {
        return new ConfigVersion(0, Instant.EPOCH, ChangeAuthor.local("system"), "", Map.of(), RouterConfig.empty());
    }

    /** @throws IllegalStateException the database cannot be reached */
    @Override
    public ConfigVersion current() {
        return version(currentId()).orElseGet(DatabaseConfigStore::empty);
    }

    long currentId() {
        try {
            return rows.currentId();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * @throws IllegalStateException the database cannot be reached, or the version cannot be read on this
     *         instance (an {@code ${ENV_VAR}} it uses is not set here)
     */
    @Override
    public Optional<ConfigVersion> version(long id) {
        if (id == 0) {
            return Optional.of(empty());
        }
        ConfigVersion cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Stored> stored = stored(id);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Stored s = stored.get();
        RouterConfig config;
        try {
            config = validator.read(s.document()).config();
        } catch (InvalidConfigurationException e) {
            throw new IllegalStateException("configuration version " + id + " cannot be used on this instance: "
                    + e.problems().stream().map(ConfigProblem::toString).toList(), e);
        }
        ConfigVersion v = new ConfigVersion(id, s.row().createdAt(), s.row().author(), s.row().comment(),
                s.document(), config);
        cache.put(v);
        return Optional.of(v);
    }

    /** A stored version with its (frozen) document. */
    record Stored(VersionRows.Row row, Map<String, Object> document) {
    }

    Optional<Stored> stored(long id) {
        try {
            return rows.load(id).map(r -> new Stored(r, Documents.frozen(normalizedStored(r))));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private Map<String, Object> normalizedStored(VersionRows.Row r) {
        try {
            return Documents.normalized(json.readMap(r.documentJson()));
        } catch (Documents.InvalidDocumentException e) {
            throw new IllegalStateException("stored configuration version " + r.id() + " is damaged: " + e.getMessage(), e);
        }
    }

    /** The document of a version; 0 = the empty document. */
    Map<String, Object> document(long id) {
        if (id == 0) {
            return Map.of();
        }
        return stored(id).map(Stored::document)
                .orElseThrow(() -> new NoSuchElementException("no configuration version " + id));
    }

    @Override
    public List<ConfigVersionSummary> history(int limit, int offset) {
        int l = Math.max(1, Math.min(limit, MAX_HISTORY));
        try {
            List<ConfigVersionSummary> out = new ArrayList<>();
            for (VersionRows.Row r : rows.history(l, Math.max(0, offset))) {
                out.add(new ConfigVersionSummary(r.id(), r.createdAt(), r.author(), r.comment(), labels(r.diffJson())));
            }
            return out;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private List<String> labels(String diffJson) {
        if (diffJson == null) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        if (json.read(diffJson) instanceof List<?> ops) {
            for (Object op : ops) {
                if (op instanceof Map<?, ?> m && m.get("label") instanceof String s) {
                    labels.add(s);
                }
            }
        }
        return labels;
    }

    /**
     * @throws NoSuchElementException a version does not exist
     */
    @Override
    public List<ConfigChange> diff(long from, long to) {
        return DocumentDiff.diff(document(from), document(to)).stream().map(DocumentDiff.Change::change).toList();
    }

    @Override
    public List<ConfigProblem> validate(Map<String, Object> document) {
        try {
            return validator.problems(Documents.normalized(document));
        } catch (Documents.InvalidDocumentException e) {
            return List.of(e.problem());
        }
    }

    @Override
    public String exportYaml() {
        long id = currentId();
        if (id == 0) {
            return "# No configuration has been saved yet.\n";
        }
        Stored s = stored(id).orElseThrow(() -> new IllegalStateException("version " + id + " vanished"));
        return "# XNAT DICOM Router configuration, version " + id + ", saved " + s.row().createdAt() + " by "
                + oneLine(s.row().author().name()) + "\n" + Documents.toYaml(s.document());
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]", " ");
    }

    // ---------------------------------------------------------------- writing

    @Override
    public ConfigVersion update(long expectedVersion, Consumer<Map<String, Object>> edit, ChangeAuthor author,
            String comment) throws ConfigRejectedException {
        return save(expectedVersion, base -> {
            Map<String, Object> copy = Documents.mutableCopy(base);
            edit.accept(copy);
            return copy;
        }, author, comment, SAVE, null);
    }

    @Override
    public ConfigVersion replace(long expectedVersion, Map<String, Object> document, ChangeAuthor author,
            String comment) throws ConfigRejectedException {
        return save(expectedVersion, base -> document, author, comment, SAVE, null);
    }

    /**
     * @throws NoSuchElementException there is no version {@code toVersion}
     */
    @Override
    public ConfigVersion rollback(long toVersion, ChangeAuthor author) throws ConfigRejectedException {
        Map<String, Object> old = document(toVersion);
        return save(-1, base -> old, author, "rollback to version " + toVersion, ROLLBACK, null);
    }

    @Override
    public ConfigVersion importYaml(String yaml, String fileName, ChangeAuthor author) throws ConfigRejectedException {
        return importYaml(yaml, fileName, author, null);
    }

    /**
     * Imports YAML text, checked first as the file it is (problems with file, line and column), then saved as a
     * document. {@code setting} (may be null) is written in the same transaction, given the saved version id.
     */
    ConfigVersion importYaml(String yaml, String fileName, ChangeAuthor author,
            LongFunction<VersionRows.SettingWrite> setting) throws ConfigRejectedException {
        if (yaml.length() > MAX_YAML_CHARS) {
            throw new ConfigRejectedException(List.of(ConfigProblem.of("", fileName + " has " + yaml.length()
                    + " characters; a configuration file may have at most " + MAX_YAML_CHARS)));
        }
        try {
            validator.readFile(yaml, fileName);
        } catch (ConfigFileException e) {
            throw new ConfigRejectedException(e.issues().stream().map(DatabaseConfigStore::located).toList());
        }
        Map<String, Object> document;
        try {
            document = Documents.fromYaml(yaml);
        } catch (Documents.InvalidDocumentException e) {
            throw new ConfigRejectedException(List.of(e.problem()));
        }
        return save(-1, base -> document, author, "imported from " + fileName, IMPORT, setting);
    }

    /** A file problem with its place in the message: {@code config.yaml:12:5: must be ...}. */
    static ConfigProblem located(ConfigIssue i) {
        StringBuilder where = new StringBuilder(i.file());
        if (i.line() > 0) {
            where.append(':').append(i.line());
            if (i.column() > 0) {
                where.append(':').append(i.column());
            }
        }
        return ConfigProblem.of(i.field(), where + ": " + i.message());
    }

    private ConfigVersion save(long expectedVersion, UnaryOperator<Map<String, Object>> change, ChangeAuthor author,
            String comment, String action, LongFunction<VersionRows.SettingWrite> setting)
            throws ConfigRejectedException {
        ChangeAuthor who = new ChangeAuthor(cap(author.name(), MAX_AUTHOR), cap(author.remoteAddress(), 64));
        String why = cap(comment == null ? "" : comment, MAX_COMMENT);
        long lastBase = -1;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long baseId = currentId();
            lastBase = baseId;
            if (expectedVersion >= 0 && baseId != expectedVersion) {
                throw new ConfigRejectedException(expectedVersion, baseId);
            }
            Map<String, Object> base = document(baseId);
            Map<String, Object> document = checked(change.apply(base));
            List<DocumentDiff.Change> changes = DocumentDiff.diff(base, document);
            if (changes.isEmpty()) {
                LOG.info("Configuration unchanged by {} ({}): version {} stays current", who.name(), action, baseId);
                if (setting != null) {
                    putSetting(setting.apply(baseId));
                }
                return baseId == 0 ? empty() : version(baseId).orElseThrow();
            }
            try {
                VersionRows.Row row = rows.insert(newVersion(baseId, who, why, action, document, changes), setting);
                return committed(row, changes);
            } catch (VersionRows.LostRaceException e) {
                if (expectedVersion >= 0) {
                    throw new ConfigRejectedException(expectedVersion, currentIdAfterRace(expectedVersion));
                }
                LOG.info("Configuration change by {} lost a race with another change (attempt {}): retrying on the"
                        + " new version", who.name(), attempt);
            } catch (SQLException e) {
                throw unavailable(e);
            }
        }
        throw new ConfigRejectedException(lastBase, currentId());
    }

    private long currentIdAfterRace(long fallback) {
        try {
            return rows.currentId();
        } catch (SQLException e) {
            return fallback;
        }
    }

    private ConfigVersion committed(VersionRows.Row row, List<DocumentDiff.Change> changes) {
        LOG.info("Configuration version {} saved by {} ({}): {}", row.id(), row.author().name(), row.action(),
                changes.stream().map(DocumentDiff.Change::label).toList());
        saved.accept(row.id());
        return version(row.id()).orElseThrow();
    }

    private void putSetting(VersionRows.SettingWrite s) {
        try {
            rows.putSetting(s);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Normalized and valid, or every problem. */
    private Map<String, Object> checked(Map<String, Object> document) throws ConfigRejectedException {
        Map<String, Object> normalized;
        try {
            normalized = Documents.normalized(document);
        } catch (Documents.InvalidDocumentException e) {
            throw new ConfigRejectedException(List.of(e.problem()));
        }
        if (json.write(normalized).length() > Documents.MAX_JSON_CHARS) {
            throw new ConfigRejectedException(List.of(ConfigProblem.of("", "the configuration is larger than "
                    + Documents.MAX_JSON_CHARS + " characters")));
        }
        try {
            validator.read(normalized).warnings().forEach(w -> LOG.warn("Configuration warning: {}", w));
        } catch (InvalidConfigurationException e) {
            throw new ConfigRejectedException(e.problems());
        }
        return normalized;
    }

    private VersionRows.NewVersion newVersion(long parent, ChangeAuthor who, String comment, String action,
            Map<String, Object> document, List<DocumentDiff.Change> changes) {
        List<Map<String, Object>> ops = new ArrayList<>();
        for (DocumentDiff.Change c : changes) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("op", c.change().op());
            op.put("path", c.change().path());
            op.put("label", c.label());
            if (!c.change().op().equals("remove")) {
                op.put("value", c.change().newValue());
            }
            if (!c.change().op().equals("add")) {
                op.put("old", c.change().oldValue());
            }
            ops.add(op);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("comment", comment);
        detail.put("parent", parent);
        detail.put("changes", changes.stream().map(DocumentDiff.Change::label).toList());
        if (!who.remoteAddress().isEmpty() && InetLiterals.orNull(who.remoteAddress()) == null) {
            detail.put("remote", who.remoteAddress());
        }
        return new VersionRows.NewVersion(parent, who, comment, action, json.write(document), json.write(ops),
                json.write(detail));
    }

    private static String cap(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static IllegalStateException unavailable(SQLException e) {
        return new IllegalStateException("configuration database error: " + e.getMessage(), e);
    }
}
