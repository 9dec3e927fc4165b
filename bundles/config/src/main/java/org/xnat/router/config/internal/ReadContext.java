package org.xnat.router.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xnat.router.config.EnvironmentReference;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns YAML nodes into values for one read: resolves {@code ${ENV_VAR}}, converts and range-checks, and
 * records every problem with the node's position and the field path instead of stopping at the first.
 */
final class ReadContext {

    /** Deeper values are refused: they are either a mistake or a recursive alias. */
    private static final int MAX_DEPTH = 40;

    private final Diagnostics diagnostics;
    private final EnvSubstitution substitution;
    private final Resolver resolver = new Resolver();
    private final Map<String, EnvironmentReference> references = new LinkedHashMap<>();

    ReadContext(Diagnostics diagnostics, Map<String, String> environment) {
        this.diagnostics = diagnostics;
        this.substitution = new EnvSubstitution(environment);
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    Map<String, EnvironmentReference> references() {
        return references;
    }

    void error(Node at, String field, String message) {
        diagnostics.error(at, field, message);
    }

    void warn(Node at, String field, String message) {
        diagnostics.warn(at, field, message);
    }

    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    static String kind(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "map";
            case sequence -> "list";
            case anchor -> "alias";
            default -> "single value";
        };
    }

    /** The text of a single value after {@code ${}} resolution; {@code null} if absent, null or wrong. */
    String text(Node node, String field) {
        if (isNull(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            error(node, field, "must be a single value, not a " + kind(node));
            return null;
        }
        return substitute(scalar, field);
    }

    private String substitute(ScalarNode scalar, String field) {
        String written = scalar.getValue();
        if (!EnvSubstitution.hasReference(written)) {
            return written;
        }
        try {
            String value = substitution.resolve(written);
            references.put(field, new EnvironmentReference(written, value));
            return value;
        } catch (EnvSubstitution.UnresolvedException e) {
            error(scalar, field, e.getMessage());
            return null;
        }
    }

    /** A non-blank text, or {@code null} with an error naming the field. */
    String requiredText(Node node, Node parent, String field) {
        if (isNull(node)) {
            error(parent, field, "is required");
            return null;
        }
        String s = text(node, field);
        if (s != null && s.isBlank()) {
            error(node, field, "must not be empty");
            return null;
        }
        return s;
    }

    Integer integer(Node node, String field, long min, long max) {
        Long value = longInteger(node, field, min, Math.min(max, Integer.MAX_VALUE));
        return value == null ? null : value.intValue();
    }

    /** A whole number in {@code [min, max]}; {@code null} (with an error if it is wrong) otherwise. */
    Long longInteger(Node node, String field, long min, long max) {
        String s = text(node, field);
        if (s == null) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(s.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            error(node, field, "must be a whole number, got '" + s + "'");
            return null;
        }
        if (value < min || value > max) {
            error(node, field, max == Integer.MAX_VALUE || max == Long.MAX_VALUE
                    ? "must be at least " + min + ", got " + value
                    : "must be between " + min + " and " + max + ", got " + value);
            return null;
        }
        return value;
    }

    Boolean bool(Node node, String field) {
        String s = text(node, field);
        if (s == null) {
            return null;
        }
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> {
                return Boolean.TRUE;
            }
            case "false", "no", "off" -> {
                return Boolean.FALSE;
            }
            default -> {
                error(node, field, "must be true or false, got '" + s + "'");
                return null;
            }
        }
    }

    /** A list of single values; {@code null} if absent or wrong. */
    List<String> texts(Node node, String field) {
        if (isNull(node)) {
            return null;
        }
        if (!(node instanceof SequenceNode seq)) {
            error(node, field, "must be a list, not a " + kind(node));
            return null;
        }
        List<String> out = new ArrayList<>();
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            String s = text(items.get(i), field + "[" + i + "]");
            if (s != null) {
                out.add(s);
            } else if (isNull(items.get(i))) {
                error(items.get(i), field + "[" + i + "]", "must not be empty");
            }
        }
        return out;
    }

    /**
     * Any YAML value as plain Java (String, Integer, Long, Double, Boolean, List, Map) for properties that a
     * plugin validates later. A plain value that used {@code ${}} gets the type of what it resolved to, so
     * {@code port: ${PORT}} gives a number.
     */
    Object value(Node node, String field) {
        return value(node, field, 0);
    }

    private Object value(Node node, String field, int depth) {
        if (depth > MAX_DEPTH) {
            error(node, field, "is nested more than " + MAX_DEPTH + " levels deep (a recursive alias?)");
            return null;
        }
        if (isNull(node)) {
            return null;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                list.add(value(items.get(i), field + "[" + i + "]", depth + 1));
            }
            return list;
        }
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                String key = key(t.getKeyNode(), field);
                if (key == null) {
                    continue;
                }
                if (out.containsKey(key)) {
                    error(t.getKeyNode(), field + "." + key, "duplicate key '" + key + "'");
                    continue;
                }
                out.put(key, value(t.getValueNode(), field + "." + key, depth + 1));
            }
            return out;
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = substitute(scalar, field);
        if (text == null) {
            return null;
        }
        Tag tag = scalar.getTag();
        if (!text.equals(scalar.getValue()) && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
            tag = resolver.resolve(NodeId.scalar, text, true);
        }
        return Scalars.convert(tag, text);
    }

    /** A mapping key as text, or {@code null} with an error. */
    String key(Node keyNode, String parentField) {
        if (keyNode instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            if (Tag.MERGE.equals(s.getTag())) {
                error(keyNode, parentField, "merge keys (<<) are not supported: write the keys out");
                return null;
            }
            return s.getValue();
        }
        error(keyNode, parentField, "keys must be single values");
        return null;
    }
}
