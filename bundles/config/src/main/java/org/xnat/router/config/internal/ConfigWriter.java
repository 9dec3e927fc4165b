package org.xnat.router.config.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xnat.router.config.DestinationConfig;
import org.xnat.router.config.EnvironmentReference;
import org.xnat.router.config.FilterRule;
import org.xnat.router.config.HonestBrokerConfig;
import org.xnat.router.config.ResilienceConfig;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.RouterSettings;
import org.xnat.router.config.RoutingRule;
import org.xnat.router.config.ScriptConfig;
import org.xnat.router.config.TagModification;
import org.xnat.router.config.ValidationRule;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Writes a {@link RouterConfig} in the {@code config.yaml} format, so that reading the output gives the same
 * configuration. Builds a node tree and lets SnakeYAML quote what needs quoting. Tags are written as
 * keywords. Values read from {@code ${ENV_VAR}} are written as the reference when they are unchanged.
 */
final class ConfigWriter {

    private final Map<String, EnvironmentReference> references;

    ConfigWriter(Map<String, EnvironmentReference> references) {
        this.references = references == null ? Map.of() : references;
    }

    void write(RouterConfig config, Writer out) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setSplitLines(false);
        new Yaml(options).serialize(root(config), out);
        out.flush();
    }

    private MappingNode root(RouterConfig c) {
        MappingNode root = map();
        putText(root, "data_directory", "data_directory", c.dataDirectory());
        putText(root, "scripts_directory", "scripts_directory", c.scriptsDirectory());
        if (!c.resilience().equals(ResilienceConfig.DEFAULT)) {
            MappingNode r = map();
            putInt(r, "max_retries", "resilience.max_retries", c.resilience().maxRetries());
            putInt(r, "retry_delay", "resilience.retry_delay", c.resilience().retryDelaySeconds());
            putInt(r, "retention_days", "resilience.retention_days", c.resilience().retentionDays());
            put(root, "resilience", r);
        }
        if (!c.settings().equals(RouterSettings.DEFAULT)) {
            MappingNode s = map();
            RouterSettings v = c.settings();
            putInt(s, "upload_max_bytes", "settings.upload_max_bytes", v.uploadMaxBytes());
            putInt(s, "upload_max_entries", "settings.upload_max_entries", v.uploadMaxEntries());
            putInt(s, "upload_max_ratio", "settings.upload_max_ratio", v.uploadMaxRatio());
            putInt(s, "trash_retention_days", "settings.trash_retention_days", v.trashRetentionDays());
            putInt(s, "import_max_errors_listed", "settings.import_max_errors_listed", v.importMaxErrorsListed());
            put(root, "settings", s);
        }
        if (!c.destinations().isEmpty()) {
            MappingNode all = map();
            c.destinations().forEach((name, d) -> put(all, name, destination(d, "destinations." + name)));
            put(root, "destinations", all);
        }
        if (!c.honestBrokers().isEmpty()) {
            MappingNode all = map();
            c.honestBrokers().forEach((name, b) -> put(all, name, broker(b, "honest_brokers." + name)));
            put(root, "honest_brokers", all);
        }
        if (!c.scripts().isEmpty()) {
            MappingNode all = map();
            c.scripts().forEach((name, s) -> put(all, name, script(s, "scripts." + name)));
            put(root, "scripts", all);
        }
        List<Node> routes = new ArrayList<>();
        for (int i = 0; i < c.routes().size(); i++) {
            routes.add(route(c.routes().get(i), "routes[" + i + "]"));
        }
        put(root, "routes", new SequenceNode(Tag.SEQ, routes, FlowStyle.BLOCK));
        return root;
    }

    private MappingNode destination(DestinationConfig d, String path) {
        MappingNode m = map();
        putText(m, "type", path + ".type", d.type());
        if (!d.description().isEmpty()) {
            putText(m, "description", path + ".description", d.description());
        }
        if (!d.enabled()) {
            putBool(m, "enabled", path + ".enabled", false);
        }
        d.properties().forEach((k, v) -> put(m, k, value(v, path + "." + k)));
        return m;
    }

    private MappingNode broker(HonestBrokerConfig b, String path) {
        MappingNode m = map();
        putText(m, "type", path + ".type", b.type());
        if (!b.description().isEmpty()) {
            putText(m, "description", path + ".description", b.description());
        }
        if (!b.enabled()) {
            putBool(m, "enabled", path + ".enabled", false);
        }
        b.properties().forEach((k, v) -> put(m, k, value(v, path + "." + k)));
        return m;
    }

    private MappingNode script(ScriptConfig s, String path) {
        MappingNode m = map();
        s.properties().forEach((k, v) -> put(m, k, value(v, path + "." + k)));
        return m;
    }

    private MappingNode route(RouteConfig r, String path) {
        MappingNode m = map();
        putText(m, "ae_title", path + ".ae_title", r.aeTitle());
        putInt(m, "port", path + ".port", r.port());
        if (!r.description().isEmpty()) {
            putText(m, "description", path + ".description", r.description());
        }
        putBool(m, "enabled", path + ".enabled", r.enabled());
        putInt(m, "study_timeout_seconds", path + ".study_timeout_seconds", r.studyTimeoutSeconds());
        putInt(m, "worker_threads", path + ".worker_threads", r.workerThreads());
        putInt(m, "max_concurrent_transfers", path + ".max_concurrent_transfers", r.maxConcurrentTransfers());
        putBool(m, "auto_import", path + ".auto_import", r.autoImport());
        putTexts(m, "allowed_calling_aes", path + ".allowed_calling_aes", r.allowedCallingAes());
        List<Node> destinations = new ArrayList<>();
        for (int i = 0; i < r.destinations().size(); i++) {
            destinations.add(routeDestination(r.destinations().get(i), path + ".destinations[" + i + "]"));
        }
        put(m, "destinations", new SequenceNode(Tag.SEQ, destinations, FlowStyle.BLOCK));
        putList(m, "routing_rules", path + ".routing_rules", r.routingRules(), this::routingRule);
        putList(m, "filters", path + ".filters", r.filters(), this::filter);
        putList(m, "validation_rules", path + ".validation_rules", r.validationRules(), this::validationRule);
        putList(m, "tag_modifications", path + ".tag_modifications", r.tagModifications(), this::tagModification);
        return m;
    }

    private MappingNode routeDestination(RouteDestination d, String path) {
        MappingNode m = map();
        putText(m, "destination", path + ".destination", d.destination());
        putBool(m, "enabled", path + ".enabled", d.enabled());
        putInt(m, "priority", path + ".priority", d.priority());
        putInt(m, "retry_count", path + ".retry_count", d.retryCount());
        putInt(m, "retry_delay_seconds", path + ".retry_delay_seconds", d.retryDelaySeconds());
        putText(m, "project_id", path + ".project_id", d.projectId());
        putText(m, "subject_prefix", path + ".subject_prefix", d.subjectPrefix());
        putText(m, "session_prefix", path + ".session_prefix", d.sessionPrefix());
        putBool(m, "auto_archive", path + ".auto_archive", d.autoArchive());
        putBool(m, "anonymize", path + ".anonymize", d.anonymize());
        putText(m, "anon_script", path + ".anon_script", d.anonScript());
        putBool(m, "use_honest_broker", path + ".use_honest_broker", d.useHonestBroker());
        putText(m, "honest_broker", path + ".honest_broker", d.honestBroker());
        return m;
    }

    private MappingNode routingRule(RoutingRule r, String path) {
        MappingNode m = map();
        putText(m, "name", path + ".name", r.name());
        putText(m, "description", path + ".description", r.description());
        putText(m, "tag", path + ".tag", TagNames.format(r.tag()));
        putText(m, "operator", path + ".operator", r.operator().yamlName());
        putText(m, "value", path + ".value", r.value());
        putTexts(m, "values", path + ".values", r.values());
        putTexts(m, "destinations", path + ".destinations", r.destinations());
        return m;
    }

    private MappingNode filter(FilterRule r, String path) {
        MappingNode m = map();
        putText(m, "name", path + ".name", r.name());
        putText(m, "description", path + ".description", r.description());
        putText(m, "tag", path + ".tag", TagNames.format(r.tag()));
        putText(m, "operator", path + ".operator", r.operator().yamlName());
        putText(m, "value", path + ".value", r.value());
        putTexts(m, "values", path + ".values", r.values());
        putText(m, "action", path + ".action", r.action().yamlName());
        return m;
    }

    private MappingNode validationRule(ValidationRule r, String path) {
        MappingNode m = map();
        putText(m, "name", path + ".name", r.name());
        putText(m, "description", path + ".description", r.description());
        putText(m, "type", path + ".type", r.type().yamlName());
        putText(m, "tag", path + ".tag", r.tag() == null ? null : TagNames.format(r.tag()));
        putText(m, "operator", path + ".operator", r.operator() == null ? null : r.operator().yamlName());
        putText(m, "value", path + ".value", r.value());
        putTexts(m, "values", path + ".values", r.values());
        if (r.minLength() != null) {
            putInt(m, "min_length", path + ".min_length", r.minLength());
        }
        if (r.maxLength() != null) {
            putInt(m, "max_length", path + ".max_length", r.maxLength());
        }
        putText(m, "on_failure", path + ".on_failure", r.onFailure().yamlName());
        return m;
    }

    private MappingNode tagModification(TagModification t, String path) {
        MappingNode m = map();
        putText(m, "name", path + ".name", t.name());
        putText(m, "description", path + ".description", t.description());
        putText(m, "tag", path + ".tag", TagNames.format(t.tag()));
        putText(m, "action", path + ".action", t.action().yamlName());
        putText(m, "value", path + ".value", t.value());
        putText(m, "source_tag", path + ".source_tag", t.sourceTag() == null ? null : TagNames.format(t.sourceTag()));
        putText(m, "pattern", path + ".pattern", t.pattern());
        putText(m, "replacement", path + ".replacement", t.replacement());
        putText(m, "condition", path + ".condition", t.condition());
        return m;
    }

    // ---------------------------------------------------------------- nodes

    private interface ItemWriter<T> {
        Node write(T item, String path);
    }

    private <T> void putList(MappingNode m, String key, String path, List<T> items, ItemWriter<T> writer) {
        if (items.isEmpty()) {
            return;
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            nodes.add(writer.write(items.get(i), path + "[" + i + "]"));
        }
        put(m, key, new SequenceNode(Tag.SEQ, nodes, FlowStyle.BLOCK));
    }

    private void putTexts(MappingNode m, String key, String path, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            nodes.add(text(values.get(i), path + "[" + i + "]"));
        }
        put(m, key, new SequenceNode(Tag.SEQ, nodes, FlowStyle.BLOCK));
    }

    private void putText(MappingNode m, String key, String path, String value) {
        if (value != null) {
            put(m, key, text(value, path));
        }
    }

    private void putInt(MappingNode m, String key, String path, long value) {
        put(m, key, scalar(Tag.INT, Long.toString(value), path));
    }

    private void putBool(MappingNode m, String key, String path, boolean value) {
        put(m, key, scalar(Tag.BOOL, Boolean.toString(value), path));
    }

    private Node value(Object v, String path) {
        if (v == null) {
            return new ScalarNode(Tag.NULL, "null", null, null, ScalarStyle.PLAIN);
        }
        if (v instanceof Boolean b) {
            return scalar(Tag.BOOL, b.toString(), path);
        }
        if (v instanceof Integer || v instanceof Long) {
            return scalar(Tag.INT, v.toString(), path);
        }
        if (v instanceof Double || v instanceof Float) {
            return scalar(Tag.FLOAT, Scalars.formatDouble(((Number) v).doubleValue()), path);
        }
        if (v instanceof Map<?, ?> map) {
            MappingNode m = map();
            map.forEach((k, x) -> put(m, String.valueOf(k), value(x, path + "." + k)));
            return m;
        }
        if (v instanceof List<?> list) {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                nodes.add(value(list.get(i), path + "[" + i + "]"));
            }
            return new SequenceNode(Tag.SEQ, nodes, FlowStyle.BLOCK);
        }
        return text(String.valueOf(v), path);
    }

    private Node text(String value, String path) {
        return scalar(Tag.STR, value, path);
    }

    /** A scalar, or the {@code ${ENV_VAR}} text it was read from if its value has not changed since. */
    private Node scalar(Tag tag, String text, String path) {
        EnvironmentReference ref = references.get(path);
        if (ref != null && sameValue(tag, text, ref.value())) {
            return new ScalarNode(Tag.STR, ref.written(), null, null, ScalarStyle.PLAIN);
        }
        ScalarStyle style = tag.equals(Tag.STR) && text.indexOf('\n') >= 0 && !text.endsWith(" ")
                ? ScalarStyle.LITERAL : ScalarStyle.PLAIN;
        return new ScalarNode(tag, text, null, null, style);
    }

    private static boolean sameValue(Tag tag, String text, String resolved) {
        if (tag.equals(Tag.STR)) {
            return text.equals(resolved);
        }
        return text.equalsIgnoreCase(resolved.trim());
    }

    private static MappingNode map() {
        return new MappingNode(Tag.MAP, new ArrayList<>(), FlowStyle.BLOCK);
    }

    private static void put(MappingNode m, String key, Node value) {
        m.getValue().add(new NodeTuple(new ScalarNode(Tag.STR, key, null, null, ScalarStyle.PLAIN), value));
    }
}
