package org.xnat.router.configstore.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigRejectedException;
import org.xnat.router.configstore.ConfigVersion;

/**
 * At start, the configuration file (system property {@code router.config}) is imported when the database
 * holds no version yet, or when the file changed since it was last imported (its SHA-256 is kept in the
 * {@code settings} row {@value #SETTING}); otherwise the database's current version is used. A refused file
 * leaves the current version in place and turns the "configuration" health DOWN until a valid version is
 * saved, also across restarts while neither file nor database change.
 */
final class StartupImport implements ChangeNotifier.Chore {

    private static final Logger LOG = LoggerFactory.getLogger(StartupImport.class);

    static final String SETTING = "config.file";
    static final String AUTHOR = "config-file";
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final DatabaseConfigStore store;
    private final ConfigurationHealth health;
    private final String file;
    private final DocumentJson json = new DocumentJson();

    /** @param file the configuration file, or blank for none */
    StartupImport(DatabaseConfigStore store, ConfigurationHealth health, String file) {
        this.store = store;
        this.health = health;
        this.file = file == null ? "" : file.strip();
    }

    /** @return true when done (imported, skipped or refused); false to try again (the database is away) */
    @Override
    public boolean run() {
        if (file.isEmpty()) {
            LOG.info("No configuration file given (system property router.config is empty): using the database's"
                    + " configuration");
            return true;
        }
        Path path = Path.of(file);
        String text;
        try {
            text = read(path);
        } catch (NoSuchFileException e) {
            refuse(List.of("the file does not exist"), currentIdOr(0));
            return true;
        } catch (IOException e) {
            refuse(List.of("cannot be read: " + e.getMessage()), currentIdOr(0));
            return true;
        }
        String sha = sha256(text);
        try {
            long current = store.rows().currentId();
            Optional<Map<String, Object>> last = store.rows().setting(SETTING).map(json::readMap);
            if (current > 0 && last.isPresent() && sha.equals(last.get().get("sha256"))) {
                unchanged(last.get(), current, text);
                return true;
            }
            String reason = current == 0 ? "the database holds no configuration yet"
                    : last.isEmpty() ? "no file was imported into this database before"
                    : "it changed since it was last imported";
            importFile(text, sha, current, reason);
            return true;
        } catch (java.sql.SQLException | IllegalStateException e) {
            LOG.warn("Configuration file {} not checked yet, the database is not reachable (retrying): {}", file,
                    e.getMessage());
            return false;
        }
    }

    private void unchanged(Map<String, Object> last, long current, String text) {
        boolean refused = Boolean.TRUE.equals(last.get("refused"));
        long atRefusal = last.get("current_version") instanceof Number n ? n.longValue() : -1;
        if (refused && atRefusal == current) {
            // still the refused file and nothing saved since: refuse again so that the problems stay visible
            try {
                store.validator().readFile(text, file);
                LOG.info("Configuration file {} unchanged since it was refused, and now valid: importing it", file);
                importFile(text, sha256(text), current, "it is now valid");
            } catch (org.xnat.router.config.ConfigFileException e) {
                List<String> problems = e.issues().stream().map(Object::toString).toList();
                problems.forEach(p -> LOG.error("Configuration file problem: {}", p));
                LOG.error("Configuration file {} is unchanged since it was refused: version {} stays current", file,
                        current);
                health.fileRefused(file, current, problems);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return;
        }
        LOG.info("Configuration file {} unchanged since its import{}: using version {} from the database", file,
                last.get("version") instanceof Number n && n.longValue() > 0 ? " as version " + n : "", current);
    }

    private void importFile(String text, String sha, long current, String reason) throws java.sql.SQLException {
        LOG.info("Importing configuration file {}: {}", file, reason);
        try {
            ConfigVersion v = store.importYaml(text, file, ChangeAuthor.local(AUTHOR),
                    id -> new VersionRows.SettingWrite(SETTING, record(sha, id, false), AUTHOR));
            if (v.id() == current) {
                // nothing changed: no version was saved (the store recorded the file all the same)
                LOG.info("Configuration file {} holds the current version {}: nothing to save", file, v.id());
            } else {
                LOG.info("Configuration file {} imported as version {}", file, v.id());
            }
        } catch (ConfigRejectedException e) {
            List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
            store.rows().putSetting(new VersionRows.SettingWrite(SETTING, record(sha, current, true), AUTHOR));
            refuse(problems, current);
        }
    }

    private void refuse(List<String> problems, long current) {
        problems.forEach(p -> LOG.error("Configuration file problem: {}: {}", file, p));
        LOG.error("Configuration file {} refused ({} problem(s)): {}", file, problems.size(), current == 0
                ? "no configuration is in effect" : "version " + current + " from the database stays current");
        health.fileRefused(file, current, problems);
    }

    private String record(String sha, long version, boolean refused) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file);
        r.put("sha256", sha);
        r.put(refused ? "current_version" : "version", version);
        r.put("refused", refused);
        return json.write(r);
    }

    private long currentIdOr(long fallback) {
        try {
            return store.rows().currentId();
        } catch (java.sql.SQLException e) {
            return fallback;
        }
    }

    private static String read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > MAX_FILE_BYTES) {
            throw new IOException("it has " + size + " bytes; a configuration file may have at most " + MAX_FILE_BYTES);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("it is not UTF-8 text");
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
