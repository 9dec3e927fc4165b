package org.xnat.router.config.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.xnat.router.config.FilterRule;
import org.xnat.router.config.MatchOperator;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;
import org.xnat.router.config.RoutingRule;
import org.xnat.router.config.TagModification;
import org.xnat.router.config.ValidationRule;
import org.xnat.router.config.YamlEnum;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads {@code routes:} and their rules, checking references to destinations and honest brokers. */
final class RouteReader {

    private final ReadContext ctx;
    private final Set<String> destinationNames;
    private final Set<String> brokerNames;

    RouteReader(ReadContext ctx, Set<String> destinationNames, Set<String> brokerNames) {
        this.ctx = ctx;
        this.destinationNames = destinationNames;
        this.brokerNames = brokerNames;
    }

    List<RouteConfig> routes(Node node, Node keyNode) {
        List<RouteConfig> routes = new ArrayList<>();
        if (ReadContext.isNull(node)) {
            ctx.warn(keyNode, "routes", "no routes are configured: nothing will be received");
            return routes;
        }
        Map<Integer, Integer> routeOfPort = new HashMap<>();
        Map<String, Integer> routeOfAeTitle = new HashMap<>();
        List<Node> items = items(node, "routes");
        for (int i = 0; i < items.size(); i++) {
            String path = "routes[" + i + "]";
            Fields f = Fields.of(ctx, items.get(i), path);
            RouteConfig route = route(f);
            if (route.port() > 0) {
                Integer other = routeOfPort.putIfAbsent(route.port(), i);
                if (other != null) {
                    ctx.error(f.get("port"), f.field("port"), "port " + route.port() + " is already used by routes["
                            + other + "] (" + routes.get(other).aeTitle() + ")");
                }
            }
            if (!route.aeTitle().isEmpty()) {
                Integer other = routeOfAeTitle.putIfAbsent(route.aeTitle().toUpperCase(Locale.ROOT), i);
                if (other != null) {
                    ctx.warn(f.get("ae_title"), f.field("ae_title"), "AE title " + route.aeTitle()
                            + " is also used by routes[" + other + "]: tell them apart by port only");
                }
            }
            routes.add(route);
        }
        return routes;
    }

    private RouteConfig route(Fields f) {
        String aeTitle = aeTitle(f, "ae_title", true);
        int port = f.integer("port", 0, 1, 65535);
        if (!f.has("port")) {
            f.requiredText("port");
        }
        String description = f.text("description", "");
        boolean enabled = f.bool("enabled", true);
        int studyTimeout = f.integer("study_timeout_seconds", RouteConfig.DEFAULT_STUDY_TIMEOUT_SECONDS, 1, 86_400);
        int workerThreads = f.integer("worker_threads", RouteConfig.DEFAULT_WORKER_THREADS, 1, 256);
        int maxTransfers = f.integer("max_concurrent_transfers", RouteConfig.DEFAULT_MAX_CONCURRENT_TRANSFERS, 1, 256);
        boolean autoImport = f.bool("auto_import", false);
        List<String> allowed = f.texts("allowed_calling_aes");
        for (int i = 0; i < allowed.size(); i++) {
            String problem = AeTitles.problem(allowed.get(i));
            if (problem != null) {
                Node item = ((SequenceNode) f.get("allowed_calling_aes")).getValue().get(i);
                ctx.error(item, f.field("allowed_calling_aes") + "[" + i + "]", problem);
            }
        }
        allowed = allowed.stream().map(String::strip).toList();
        List<RouteDestination> destinations = list(f, "destinations", this::routeDestination);
        if (destinations.isEmpty()) {
            ctx.warn(f.at("destinations"), f.field("destinations"), "the route has no destinations:"
                    + " what it receives goes nowhere");
        }
        Set<String> seen = new HashSet<>();
        for (RouteDestination d : destinations) {
            if (!seen.add(d.destination())) {
                ctx.warn(f.at("destinations"), f.field("destinations"), "destination '" + d.destination()
                        + "' is listed twice");
            }
        }
        List<RoutingRule> routingRules = list(f, "routing_rules", this::routingRule);
        List<FilterRule> filters = list(f, "filters", this::filter);
        List<ValidationRule> validationRules = list(f, "validation_rules", this::validationRule);
        List<TagModification> modifications = list(f, "tag_modifications", this::tagModification);
        f.notUsed("rate_limit_per_minute", "rate limits are not supported yet");
        f.notUsed("webhook_url", "webhooks are not supported yet");
        f.notUsed("webhook_events", "webhooks are not supported yet");
        f.warnUnknown();
        return new RouteConfig(aeTitle == null ? "" : aeTitle, port, description, enabled, studyTimeout, workerThreads,
                maxTransfers, autoImport, allowed, destinations, routingRules, filters, validationRules, modifications);
    }

    private String aeTitle(Fields f, String key, boolean required) {
        String title = required ? f.requiredText(key) : f.text(key);
        if (title == null) {
            return null;
        }
        String problem = AeTitles.problem(title);
        if (problem != null) {
            ctx.error(f.get(key), f.field(key), problem);
        }
        return title.strip();
    }

    /** The items of a list key, each read as a mapping at {@code key[i]}. */
    private <T> List<T> list(Fields f, String key, Function<Fields, T> reader) {
        List<T> out = new ArrayList<>();
        List<Node> items = items(f.get(key), f.field(key));
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = f.field(key) + "[" + i + "]";
            T value = item instanceof ScalarNode && !ReadContext.isNull(item) && key.equals("destinations")
                    ? reader.apply(shorthand(item, path))
                    : reader.apply(Fields.of(ctx, item, path));
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private List<Node> items(Node node, String field) {
        if (ReadContext.isNull(node)) {
            return List.of();
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        ctx.error(node, field, "must be a list (items starting with '- '), not a " + ReadContext.kind(node));
        return List.of();
    }

    /** {@code - pacs} in a route's destinations stands for {@code - destination: pacs}. */
    private Fields shorthand(Node item, String path) {
        ScalarNode s = (ScalarNode) item;
        ScalarNode key = new ScalarNode(Tag.STR, "destination", s.getStartMark(), s.getEndMark(), ScalarStyle.PLAIN);
        MappingNode map = new MappingNode(Tag.MAP, true, List.of(new NodeTuple(key, s)), s.getStartMark(),
                s.getEndMark(), FlowStyle.BLOCK);
        return Fields.of(ctx, map, path);
    }

    private RouteDestination routeDestination(Fields f) {
        String name = f.requiredText("destination");
        if (name != null && !destinationNames.contains(name)) {
            ctx.error(f.get("destination"), f.field("destination"), unknown("destination", name, destinationNames));
        }
        boolean useBroker = f.bool("use_honest_broker", false);
        String broker = f.text("honest_broker");
        if (broker != null && !brokerNames.contains(broker)) {
            ctx.error(f.get("honest_broker"), f.field("honest_broker"), unknown("honest broker", broker, brokerNames));
        }
        if (useBroker && broker == null) {
            ctx.error(f.at("use_honest_broker"), f.field("honest_broker"),
                    "is required when use_honest_broker is true");
        }
        RouteDestination d = new RouteDestination(name == null ? "" : name,
                f.bool("enabled", true),
                f.integer("priority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
                f.integer("retry_count", RouteDestination.DEFAULT_RETRY_COUNT, 0, Integer.MAX_VALUE),
                f.integer("retry_delay_seconds", RouteDestination.DEFAULT_RETRY_DELAY_SECONDS, 0, Integer.MAX_VALUE),
                f.text("project_id"),
                f.text("subject_prefix", RouteDestination.DEFAULT_SUBJECT_PREFIX),
                f.text("session_prefix", RouteDestination.DEFAULT_SESSION_PREFIX),
                f.bool("auto_archive", true),
                f.bool("anonymize", false),
                f.text("anon_script"),
                useBroker,
                broker);
        f.warnUnknown();
        return d;
    }

    private static String unknown(String what, String name, Set<String> known) {
        return "unknown " + what + " '" + name + "'" + (known.isEmpty() ? " (none is configured)"
                : " (configured: " + String.join(", ", known) + ")");
    }

    // ---------------------------------------------------------------- rules

    private RoutingRule routingRule(Fields f) {
        String name = f.text("name");
        String description = f.text("description");
        int tag = tag(f, "tag", true);
        MatchOperator op = choice(f, "operator", MatchOperator.class, MatchOperator.EQUALS);
        String value = f.text("value");
        List<String> values = f.texts("values");
        checkMatch(f, op, value, values);
        op = op == null ? MatchOperator.EQUALS : op;
        List<String> destinations = f.texts("destinations");
        if (destinations.isEmpty()) {
            ctx.error(f.at("destinations"), f.field("destinations"), "is required: the destinations the rule routes to");
        }
        for (int i = 0; i < destinations.size(); i++) {
            if (!destinationNames.contains(destinations.get(i))) {
                Node item = ((SequenceNode) f.get("destinations")).getValue().get(i);
                ctx.error(item, f.field("destinations") + "[" + i + "]",
                        unknown("destination", destinations.get(i), destinationNames));
            }
        }
        f.warnUnknown();
        return new RoutingRule(name, description, tag, op, value, values, destinations);
    }

    private FilterRule filter(Fields f) {
        String name = f.text("name");
        String description = f.text("description");
        int tag = tag(f, "tag", true);
        MatchOperator op = choice(f, "operator", MatchOperator.class, MatchOperator.EQUALS);
        String value = f.text("value");
        List<String> values = f.texts("values");
        checkMatch(f, op, value, values);
        FilterRule.Action action = choice(f, "action", FilterRule.Action.class, FilterRule.Action.EXCLUDE);
        f.warnUnknown();
        return new FilterRule(name, description, tag, op == null ? MatchOperator.EQUALS : op, value, values,
                action == null ? FilterRule.Action.EXCLUDE : action);
    }

    private ValidationRule validationRule(Fields f) {
        String name = f.text("name");
        String description = f.text("description");
        ValidationRule.Type chosen = choice(f, "type", ValidationRule.Type.class, ValidationRule.Type.REQUIRED_TAG);
        ValidationRule.Type type = chosen == null ? ValidationRule.Type.REQUIRED_TAG : chosen;
        boolean needsTag = type != ValidationRule.Type.MODALITY_CHECK;
        Integer tag = needsTag || f.has("tag") ? Integer.valueOf(tag(f, "tag", needsTag)) : null;
        MatchOperator op = null;
        String value = f.text("value");
        List<String> values = f.texts("values");
        Integer min = f.optionalInteger("min_length", 0, Integer.MAX_VALUE);
        Integer max = f.optionalInteger("max_length", 0, Integer.MAX_VALUE);
        switch (type) {
            case TAG_VALUE -> {
                op = choice(f, "operator", MatchOperator.class, MatchOperator.EQUALS);
                checkMatch(f, op, value, values);
            }
            case TAG_LENGTH -> {
                if (!f.has("min_length") && !f.has("max_length")) {
                    ctx.error(f.node(), f.field("min_length"), "tag_length needs min_length, max_length or both");
                }
                if (min != null && max != null && min > max) {
                    ctx.error(f.get("max_length"), f.field("max_length"), "must not be less than min_length ("
                            + min + "), got " + max);
                }
            }
            case MODALITY_CHECK -> {
                if (values.isEmpty() && value == null) {
                    ctx.error(f.node(), f.field("values"), "modality_check needs the allowed modalities in values");
                }
            }
            default -> {
            }
        }
        if (chosen != null && type != ValidationRule.Type.TAG_VALUE && f.has("operator")) {
            f.get("operator");
            ctx.warn(f.at("operator"), f.field("operator"), "is only used by tag_value rules (ignored)");
        }
        ValidationRule.OnFailure onFailure =
                choice(f, "on_failure", ValidationRule.OnFailure.class, ValidationRule.OnFailure.REJECT);
        f.warnUnknown();
        return new ValidationRule(name, description, type, tag, op, value, values, min, max,
                onFailure == null ? ValidationRule.OnFailure.REJECT : onFailure);
    }

    private TagModification tagModification(Fields f) {
        String name = f.text("name");
        String description = f.text("description");
        int tag = tag(f, "tag", true);
        TagModification.Action chosen = choice(f, "action", TagModification.Action.class, TagModification.Action.SET);
        TagModification.Action action = chosen == null ? TagModification.Action.SET : chosen;
        String value = f.text("value");
        Integer sourceTag = f.has("source_tag") || action == TagModification.Action.COPY_FROM
                ? Integer.valueOf(tag(f, "source_tag", true)) : null;
        String pattern = f.text("pattern");
        String replacement = f.text("replacement");
        String condition = f.text("condition");
        switch (chosen == null ? TagModification.Action.REMOVE : chosen) { // unknown: no further checks
            case SET -> {
                if (!f.keys().contains("value")) {
                    ctx.error(f.node(), f.field("value"), "is required for action set");
                }
            }
            case PREFIX, SUFFIX -> {
                if (value == null || value.isEmpty()) {
                    ctx.error(f.at("value"), f.field("value"), "is required for action " + action.yamlName());
                }
            }
            case REPLACE -> {
                if (pattern == null) {
                    ctx.error(f.at("pattern"), f.field("pattern"), "is required for action replace");
                } else {
                    checkRegex(f, "pattern", pattern);
                }
                if (replacement == null) {
                    replacement = "";
                }
            }
            default -> {
            }
        }
        f.warnUnknown();
        return new TagModification(name, description, tag, action, value == null && action == TagModification.Action.SET
                ? "" : value, sourceTag, pattern, replacement, condition);
    }

    private void checkMatch(Fields f, MatchOperator op, String value, List<String> values) {
        if (op == null) {
            return; // already reported as unknown
        }
        if (op.usesValueList()) {
            if (values.isEmpty()) {
                ctx.error(f.at("values"), f.field("values"), "is required for operator in (a list of values)");
            }
        } else if (value == null) {
            ctx.error(f.at("value"), f.field("value"), "is required for operator " + op.yamlName());
        } else if (op == MatchOperator.MATCHES) {
            checkRegex(f, "value", value);
        }
    }

    private void checkRegex(Fields f, String key, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            ctx.error(f.get(key), f.field(key), "is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + regex + "'");
        }
    }

    private int tag(Fields f, String key, boolean required) {
        String text = required ? f.requiredText(key) : f.text(key);
        if (text == null) {
            return 0;
        }
        Integer tag = TagNames.parse(text);
        if (tag == null) {
            ctx.error(f.get(key), f.field(key), "'" + text + "' is neither a DICOM keyword (like Modality)"
                    + " nor a tag written (gggg,eeee)");
            return 0;
        }
        return tag;
    }

    /** The constant spelled at {@code key}, the default if absent, {@code null} (after an error) if unknown. */
    private <E extends Enum<E> & YamlEnum> E choice(Fields f, String key, Class<E> type, E defaultValue) {
        String text = f.text(key);
        if (text == null) {
            return defaultValue;
        }
        E e = YamlEnum.parse(type, text);
        if (e == null) {
            ctx.error(f.get(key), f.field(key), "unknown " + key.replace('_', ' ') + " '" + text + "': use "
                    + YamlEnum.choices(type));
            return null;
        }
        return e;
    }
}
