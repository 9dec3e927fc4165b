package org.xnat.router.rest.admin.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.config.ConfigFileException;
import org.xnat.router.config.ConfigFiles;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.internal.YamlConfigFiles;
import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigChange;
import org.xnat.router.configstore.ConfigRejectedException;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.configstore.ConfigVersionSummary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@link ConfigStore} for the resource tests until the PostgreSQL one is merged: versions in memory, but the
 * validation the real store does — the real {@link ConfigFiles} reader on the document (JSON is YAML), with the
 * field-level problems it reports. Diff and YAML export are outside what these tests use.
 */
final class TestConfigStore implements ConfigStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigFiles files = new YamlConfigFiles();
    private final Map<String, String> environment;
    private final List<ConfigVersion> versions = new ArrayList<>();

    TestConfigStore(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public synchronized ConfigVersion current() {
        return versions.isEmpty() ? new ConfigVersion(0, Instant.EPOCH, ChangeAuthor.local("system"), "", Map.of(),
                read(Map.of())) : versions.get(versions.size() - 1);
    }

    @Override
    public synchronized List<ConfigVersionSummary> history(int limit, int offset) {
        List<ConfigVersionSummary> out = new ArrayList<>();
        for (int i = versions.size() - 1 - offset; i >= 0 && out.size() < limit; i--) {
            ConfigVersion v = versions.get(i);
            out.add(new ConfigVersionSummary(v.id(), v.createdAt(), v.author(), v.comment(), List.of()));
        }
        return out;
    }

    @Override
    public synchronized Optional<ConfigVersion> version(long id) {
        return versions.stream().filter(v -> v.id() == id).findFirst();
    }

    @Override
    public List<ConfigChange> diff(long from, long to) {
        throw new UnsupportedOperationException("not in the test store");
    }

    @Override
    public synchronized ConfigVersion update(long expectedVersion, Consumer<Map<String, Object>> edit, ChangeAuthor author,
            String comment) throws ConfigRejectedException {
        ConfigVersion current = current();
        if (expectedVersion >= 0 && expectedVersion != current.id()) {
            throw new ConfigRejectedException(expectedVersion, current.id());
        }
        Map<String, Object> copy = deepCopy(current.document());
        edit.accept(copy);
        return save(copy, author, comment);
    }

    @Override
    public synchronized ConfigVersion replace(long expectedVersion, Map<String, Object> document, ChangeAuthor author,
            String comment) throws ConfigRejectedException {
        return update(expectedVersion, d -> {
            d.clear();
            d.putAll(deepCopy(document));
        }, author, comment);
    }

    @Override
    public synchronized ConfigVersion rollback(long toVersion, ChangeAuthor author) throws ConfigRejectedException {
        ConfigVersion old = version(toVersion).orElseThrow();
        return save(deepCopy(old.document()), author, "rollback to version " + toVersion);
    }

    @Override
    public ConfigVersion importYaml(String yaml, String fileName, ChangeAuthor author) {
        throw new UnsupportedOperationException("not in the test store");
    }

    @Override
    public String exportYaml() {
        throw new UnsupportedOperationException("not in the test store");
    }

    @Override
    public List<ConfigProblem> validate(Map<String, Object> document) {
        try {
            files.read(JSON.writeValueAsString(document), "config", environment);
            return List.of();
        } catch (ConfigFileException e) {
            return e.problems();
        } catch (JsonProcessingException e) {
            return List.of(ConfigProblem.of("", e.getMessage()));
        }
    }

    private ConfigVersion save(Map<String, Object> doc, ChangeAuthor author, String comment)
            throws ConfigRejectedException {
        List<ConfigProblem> problems = validate(doc);
        if (!problems.isEmpty()) {
            throw new ConfigRejectedException(problems);
        }
        ConfigVersion v = new ConfigVersion(current().id() + 1, Instant.now(), author, comment, doc, read(doc));
        versions.add(v);
        return v;
    }

    private RouterConfig read(Map<String, Object> doc) {
        try {
            return files.read(JSON.writeValueAsString(doc), "config", environment).config();
        } catch (ConfigFileException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> deepCopy(Map<String, Object> doc) {
        try {
            return JSON.readValue(JSON.writeValueAsBytes(doc), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
