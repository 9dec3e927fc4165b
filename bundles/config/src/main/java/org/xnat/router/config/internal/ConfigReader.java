package org.xnat.router.config.internal;

import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xnat.router.config.ConfigFileException;
import org.xnat.router.config.DestinationConfig;
import org.xnat.router.config.HonestBrokerConfig;
import org.xnat.router.config.LoadedConfig;
import org.xnat.router.config.ResilienceConfig;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.RouterSettings;
import org.xnat.router.config.ScriptConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one {@code config.yaml} through SnakeYAML's node API, so that every value keeps its line and column
 * for the messages. Problems do not stop the read: all are collected and thrown together at the end.
 */
final class ConfigReader {

    /** Placeholders a file destination's {@code directory_pattern} may use. */
    static final Set<String> DIRECTORY_PLACEHOLDERS = Set.of("PatientID", "PatientName", "StudyInstanceUID",
            "StudyDate", "StudyTime", "Modality", "AccessionNumber", "StudyDescription", "CallingAE");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");
    static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

    private final Diagnostics diagnostics;
    private final ReadContext ctx;

    ConfigReader(String file, Map<String, String> environment) {
        this.diagnostics = new Diagnostics(file);
        this.ctx = new ReadContext(diagnostics, environment);
    }

    LoadedConfig read(String yaml) throws ConfigFileException {
        Node root = compose(yaml);
        RouterConfig config = diagnostics.hasErrors() ? null : readRoot(root);
        if (diagnostics.hasErrors()) {
            throw new ConfigFileException(diagnostics.errors());
        }
        return new LoadedConfig(diagnostics.file(), config, diagnostics.warnings(), ctx.references());
    }

    private Node compose(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by Fields with both lines
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        try {
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            String message = e.getProblem() == null ? e.getMessage() : e.getProblem();
            if (e.getContext() != null) {
                message = message + " (" + e.getContext() + ")";
            }
            diagnostics.error(e.getProblemMark(), "", "not valid YAML: " + message);
        } catch (YAMLException e) {
            diagnostics.error((Node) null, "", "not valid YAML: " + e.getMessage());
        }
        return null;
    }

    private RouterConfig readRoot(Node root) {
        if (ReadContext.isNull(root)) {
            diagnostics.warn(root, "", "the file is empty: no routes are configured");
            return RouterConfig.empty();
        }
        Fields top = Fields.of(ctx, root, "");
        if (diagnostics.hasErrors()) {
            return null;
        }
        String dataDirectory = dataDirectory(top);
        String scriptsDirectory = top.text("scripts_directory");
        ResilienceConfig resilience = resilience(Fields.of(ctx, top.get("resilience"), "resilience"));
        RouterSettings settings = settings(Fields.of(ctx, top.get("settings"), "settings"));
        Map<String, DestinationConfig> destinations = destinations(top.get("destinations"));
        Map<String, HonestBrokerConfig> brokers = honestBrokers(top.get("honest_brokers"));
        Map<String, ScriptConfig> scripts = scripts(top.get("scripts"));
        List<RouteConfig> routes = new RouteReader(ctx, destinations.keySet(), brokers.keySet())
                .routes(top.get("routes"), top.at("routes"));

        top.notUsed("admin_port", "start with ./router start --http-port N");
        top.notUsed("admin_host", "the admin API listens on 127.0.0.1; put a reverse proxy in front to expose it");
        top.notUsed("admin_username", "the admin user is created by ./router start (see DATA/admin-password)");
        top.notUsed("admin_password", "the admin user is created by ./router start (see DATA/admin-password)");
        top.notUsed("auth_required", "the admin API always requires authentication");
        top.notUsed("log_level", "set log levels in the Karaf console (log:set)");
        top.notUsed("notifications", "e-mail notifications are not supported yet");
        top.notUsed("xnat", "legacy single-XNAT settings: write them as a destination of type xnat");
        top.notUsed("xnat_endpoints", "legacy endpoints: write them as destinations of type xnat");
        top.notUsed("projects", "legacy project mappings: write them as routes");
        top.warnUnknown();
        return new RouterConfig(dataDirectory, scriptsDirectory, resilience, destinations, routes, brokers, scripts,
                settings);
    }

    /** {@code data_directory}, or the XNAT DICOM Router's {@code receiver.base_dir}. */
    private String dataDirectory(Fields top) {
        String dataDirectory = top.text("data_directory");
        Fields receiver = Fields.of(ctx, top.get("receiver"), "receiver");
        String baseDir = receiver.text("base_dir");
        for (String legacy : List.of("storage_dir", "processed_dir", "failed_dir", "done_dir")) {
            receiver.notUsed(legacy, "received files are spooled under the data directory");
        }
        receiver.warnUnknown();
        if (dataDirectory == null) {
            return baseDir;
        }
        if (baseDir != null && !baseDir.equals(dataDirectory)) {
            ctx.warn(receiver.at("base_dir"), "receiver.base_dir", "ignored: data_directory is also set");
        }
        return dataDirectory;
    }

    private ResilienceConfig resilience(Fields f) {
        ResilienceConfig r = new ResilienceConfig(
                f.integer("max_retries", ResilienceConfig.DEFAULT_MAX_RETRIES, 0, Integer.MAX_VALUE),
                f.integer("retry_delay", ResilienceConfig.DEFAULT_RETRY_DELAY_SECONDS, 0, Integer.MAX_VALUE),
                f.integer("retention_days", ResilienceConfig.DEFAULT_RETENTION_DAYS, 1, Integer.MAX_VALUE));
        f.notUsed("health_check_interval", "destination health is checked by the delivery queue");
        f.notUsed("cache_dir", "pending deliveries are kept in the spool under the data directory");
        f.warnUnknown();
        return r;
    }

    private RouterSettings settings(Fields f) {
        RouterSettings s = new RouterSettings(
                f.longInteger("upload_max_bytes", RouterSettings.DEFAULT_UPLOAD_MAX_BYTES, 1, Long.MAX_VALUE),
                f.integer("upload_max_entries", RouterSettings.DEFAULT_UPLOAD_MAX_ENTRIES, 1, Integer.MAX_VALUE),
                f.integer("upload_max_ratio", RouterSettings.DEFAULT_UPLOAD_MAX_RATIO, 1, RouterSettings.MAX_UPLOAD_RATIO),
                f.integer("trash_retention_days", RouterSettings.DEFAULT_TRASH_RETENTION_DAYS, 0,
                        RouterSettings.MAX_TRASH_RETENTION_DAYS),
                f.integer("import_max_errors_listed", RouterSettings.DEFAULT_IMPORT_MAX_ERRORS_LISTED, 0,
                        RouterSettings.MAX_IMPORT_ERRORS_LISTED));
        f.warnUnknown();
        return s;
    }

    // ---------------------------------------------------------------- destinations

    private Map<String, DestinationConfig> destinations(Node node) {
        Map<String, DestinationConfig> out = new LinkedHashMap<>();
        Fields all = Fields.of(ctx, node, "destinations");
        for (Map.Entry<String, Node> e : all.remaining().entrySet()) {
            String name = e.getKey();
            DestinationConfig d = destination(name, e.getValue(), all.at(name), "destinations." + name);
            if (d != null) {
                out.put(name, d);
            }
        }
        return out;
    }

    private DestinationConfig destination(String name, Node node, Node keyNode, String path) {
        if (name.isBlank()) {
            ctx.error(keyNode, path, "a destination needs a name");
            return null;
        }
        if (ReadContext.isNull(node) && explicitType(node) == null) {
            ctx.error(keyNode, path, "needs its settings (type and the keys of the type)");
            return null;
        }
        Fields f = Fields.of(ctx, node, path);
        String type = type(f, explicitType(node), "type", path);
        if (type == null) {
            type = DestinationConfig.XNAT;
            ctx.warn(keyNode, path + ".type", "no type given: taken as 'xnat' as the XNAT DICOM Router did;"
                    + " write 'type: xnat' (or !<xnat>) to say so");
        }
        String description = f.text("description", "");
        boolean enabled = f.bool("enabled", true);
        Map<String, Object> properties = switch (type) {
            case DestinationConfig.DICOM -> dicomProperties(f);
            case DestinationConfig.FILE -> fileProperties(f);
            case DestinationConfig.XNAT -> xnatProperties(f);
            default -> pluginProperties(f);
        };
        return new DestinationConfig(name, type, description, enabled, properties);
    }

    /** The type from a YAML tag ({@code !<dicom>} or {@code !dicom}), or {@code null} for an untagged node. */
    private static String explicitType(Node node) {
        if (node == null) {
            return null;
        }
        Tag tag = node.getTag();
        if (tag == null || tag.startsWith(Tag.PREFIX)) {
            return null;
        }
        String value = tag.getValue();
        return value.startsWith("!") ? value.substring(1) : value;
    }

    /** The type from the tag and/or a type key (which must agree); built-in type names in lower case. */
    private String type(Fields f, String tagged, String key, String path) {
        String keyed = f.text(key);
        if (keyed != null && keyed.isBlank()) {
            ctx.error(f.get(key), path + "." + key, "must not be empty");
            keyed = null;
        }
        if (tagged != null && keyed != null && !normalized(tagged).equals(normalized(keyed))) {
            ctx.error(f.get(key), path + "." + key, "says '" + keyed + "' but the tag says '" + tagged + "'");
        }
        String type = tagged != null ? tagged : keyed;
        return type == null ? null : normalized(type.trim());
    }

    private static String normalized(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case DestinationConfig.XNAT, DestinationConfig.DICOM, DestinationConfig.FILE -> lower;
            default -> type;
        };
    }

    private Map<String, Object> dicomProperties(Fields f) {
        Map<String, Object> p = new LinkedHashMap<>();
        putAeTitle(p, f, "ae_title", true);
        put(p, "host", f.requiredText("host"));
        p.put("port", f.integer("port", 104, 1, 65535));
        putAeTitle(p, f, "calling_ae_title", false);
        putBool(p, f, "use_tls");
        putBool(p, f, "tls_enabled");
        put(p, "timeout", f.optionalInteger("timeout", 1, Integer.MAX_VALUE));
        put(p, "max_retries", f.optionalInteger("max_retries", 0, Integer.MAX_VALUE));
        // Settings of this router's dicom destination type (docs/destinations.md).
        putBool(p, f, "tls");
        put(p, "tls_trust", f.text("tls_trust"));
        put(p, "tls_certificate", f.text("tls_certificate"));
        put(p, "tls_key", f.text("tls_key"));
        put(p, "connect_timeout_seconds", f.optionalInteger("connect_timeout_seconds", 1, Integer.MAX_VALUE));
        put(p, "response_timeout_seconds", f.optionalInteger("response_timeout_seconds", 1, Integer.MAX_VALUE));
        put(p, "max_associations", f.optionalInteger("max_associations", 1, 32));
        put(p, "idle_timeout_seconds", f.optionalInteger("idle_timeout_seconds", 0, Integer.MAX_VALUE));
        f.warnUnknown();
        return p;
    }

    private Map<String, Object> fileProperties(Fields f) {
        Map<String, Object> p = new LinkedHashMap<>();
        put(p, "path", f.requiredText("path"));
        String pattern = f.text("directory_pattern");
        if (pattern != null) {
            checkPlaceholders(f.get("directory_pattern"), f.field("directory_pattern"), pattern);
            p.put("directory_pattern", pattern);
        }
        putBool(p, f, "organize_by_ae");
        putBool(p, f, "create_subdirectories");
        put(p, "naming_pattern", f.text("naming_pattern"));
        putBool(p, f, "create_path");
        put(p, "min_free_mb", f.optionalInteger("min_free_mb", 0, Integer.MAX_VALUE));
        f.warnUnknown();
        return p;
    }

    private void checkPlaceholders(Node node, String field, String pattern) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            if (!DIRECTORY_PLACEHOLDERS.contains(m.group(1))) {
                ctx.error(node, field, "unknown placeholder {" + m.group(1) + "}; known: "
                        + String.join(" ", DIRECTORY_PLACEHOLDERS.stream().sorted().map(s -> "{" + s + "}").toList()));
            }
        }
    }

    private Map<String, Object> xnatProperties(Fields f) {
        Map<String, Object> p = new LinkedHashMap<>();
        String url = f.requiredText("url");
        if (url != null) {
            String problem = urlProblem(url);
            if (problem != null) {
                ctx.error(f.get("url"), f.field("url"), problem);
            }
            p.put("url", url);
        }
        put(p, "username", f.text("username"));
        put(p, "password", f.text("password"));
        put(p, "timeout", f.optionalInteger("timeout", 1, Integer.MAX_VALUE));
        put(p, "max_retries", f.optionalInteger("max_retries", 0, Integer.MAX_VALUE));
        put(p, "connection_pool_size", f.optionalInteger("connection_pool_size", 1, Integer.MAX_VALUE));
        put(p, "upload_timeout", f.optionalInteger("upload_timeout", 1, Integer.MAX_VALUE));
        f.warnUnknown();
        return p;
    }

    static String urlProblem(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "must be an http:// or https:// URL, got '" + url + "'";
            }
            if (uri.getHost() == null) {
                return "has no host: '" + url + "'";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
    }

    /** A plugin type: every key is kept for its factory, which validates them. */
    private Map<String, Object> pluginProperties(Fields f) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : f.remaining().entrySet()) {
            put(p, e.getKey(), ctx.value(e.getValue(), f.field(e.getKey())));
        }
        return p;
    }

    private void putAeTitle(Map<String, Object> p, Fields f, String key, boolean required) {
        String title = required ? f.requiredText(key) : f.text(key);
        if (title == null) {
            return;
        }
        String problem = AeTitles.problem(title);
        if (problem != null) {
            ctx.error(f.get(key), f.field(key), problem);
        }
        p.put(key, title.strip());
    }

    private static void putBool(Map<String, Object> p, Fields f, String key) {
        if (f.has(key)) {
            put(p, key, f.ctx().bool(f.get(key), f.field(key)));
        } else {
            f.get(key);
        }
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    // ---------------------------------------------------------------- honest brokers and scripts

    private Map<String, HonestBrokerConfig> honestBrokers(Node node) {
        Map<String, HonestBrokerConfig> out = new LinkedHashMap<>();
        Fields all = Fields.of(ctx, node, "honest_brokers");
        for (Map.Entry<String, Node> e : all.remaining().entrySet()) {
            String name = e.getKey();
            String path = "honest_brokers." + name;
            Fields f = Fields.of(ctx, e.getValue(), path);
            String type = type(f, explicitType(e.getValue()), "type", path);
            String legacyType = f.text("broker_type");
            if (type != null && legacyType != null && !type.equals(legacyType)) {
                ctx.error(f.get("broker_type"), path + ".broker_type", "says '" + legacyType
                        + "' but type says '" + type + "'");
            }
            type = type != null ? type : legacyType;
            String description = f.text("description", "");
            boolean enabled = f.bool("enabled", true);
            Map<String, Object> properties = new LinkedHashMap<>();
            for (Map.Entry<String, Node> p : f.remaining().entrySet()) {
                put(properties, p.getKey(), ctx.value(p.getValue(), f.field(p.getKey())));
            }
            out.put(name, new HonestBrokerConfig(name, type, description, enabled, properties));
        }
        return out;
    }

    private Map<String, ScriptConfig> scripts(Node node) {
        Map<String, ScriptConfig> out = new LinkedHashMap<>();
        Fields all = Fields.of(ctx, node, "scripts");
        for (Map.Entry<String, Node> e : all.remaining().entrySet()) {
            String name = e.getKey();
            String path = "scripts." + name;
            Node value = e.getValue();
            if (value instanceof ScalarNode && !ReadContext.isNull(value)) {
                String content = ctx.text(value, path + "." + ScriptConfig.CONTENT);
                out.put(name, new ScriptConfig(name, content == null ? Map.of() : Map.of(ScriptConfig.CONTENT, content)));
                continue;
            }
            Fields f = Fields.of(ctx, value, path);
            Map<String, Object> properties = new LinkedHashMap<>();
            for (Map.Entry<String, Node> p : f.remaining().entrySet()) {
                put(properties, p.getKey(), ctx.value(p.getValue(), f.field(p.getKey())));
            }
            out.put(name, new ScriptConfig(name, properties));
        }
        return out;
    }
}
