package org.xnat.router.config.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The keys of one YAML mapping at a field path. Remembers which keys were read so that the rest can be
 * reported as unknown: nothing in the file is dropped silently.
 */
final class Fields {

    private final ReadContext ctx;
    private final Node node;
    private final String path;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    private Fields(ReadContext ctx, Node node, String path) {
        this.ctx = ctx;
        this.node = node;
        this.path = path;
    }

    /** The keys of {@code node}; an empty set (and an error) if it is not a mapping; empty if it is null. */
    static Fields of(ReadContext ctx, Node node, String path) {
        Fields f = new Fields(ctx, node, path);
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String key = ctx.key(t.getKeyNode(), path);
                if (key == null) {
                    continue;
                }
                NodeTuple first = f.entries.get(key);
                if (first != null) {
                    ctx.error(t.getKeyNode(), f.field(key), "duplicate key '" + key + "' (first on line "
                            + (first.getKeyNode().getStartMark().getLine() + 1) + ")");
                    continue;
                }
                f.entries.put(key, t);
            }
        } else if (!ReadContext.isNull(node)) {
            ctx.error(node, path, "must be a map of keys and values, not a " + ReadContext.kind(node));
        }
        return f;
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    /** The path of a key: {@code routes[0].port}. */
    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ReadContext ctx() {
        return ctx;
    }

    boolean has(String key) {
        return entries.containsKey(key) && !ReadContext.isNull(entries.get(key).getValueNode());
    }

    /** The value node of a key (marking it as read), or {@code null}. */
    Node get(String key) {
        used.add(key);
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** Where to point for a key: the key itself if present, else the mapping. */
    Node at(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    Set<String> keys() {
        return entries.keySet();
    }

    String text(String key) {
        return ctx.text(get(key), field(key));
    }

    String text(String key, String defaultValue) {
        String s = text(key);
        return s == null ? defaultValue : s;
    }

    String requiredText(String key) {
        return ctx.requiredText(get(key), node, field(key));
    }

    int integer(String key, int defaultValue, long min, long max) {
        Integer v = ctx.integer(get(key), field(key), min, max);
        return v == null ? defaultValue : v;
    }

    long longInteger(String key, long defaultValue, long min, long max) {
        Long v = ctx.longInteger(get(key), field(key), min, max);
        return v == null ? defaultValue : v;
    }

    Integer optionalInteger(String key, long min, long max) {
        return ctx.integer(get(key), field(key), min, max);
    }

    boolean bool(String key, boolean defaultValue) {
        Boolean v = ctx.bool(get(key), field(key));
        return v == null ? defaultValue : v;
    }

    List<String> texts(String key) {
        List<String> v = ctx.texts(get(key), field(key));
        return v == null ? List.of() : v;
    }

    /** A key the XNAT DICOM Router knew but this router does not use: a warning saying why. */
    void notUsed(String key, String why) {
        if (entries.containsKey(key)) {
            used.add(key);
            ctx.warn(entries.get(key).getKeyNode(), field(key), "'" + key + "' is not used by this router: " + why);
        }
    }

    /** Every key not read is reported as a warning: a typo must not pass unnoticed. */
    void warnUnknown() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!used.contains(e.getKey())) {
                ctx.warn(e.getValue().getKeyNode(), field(e.getKey()), "unknown key '" + e.getKey() + "' (ignored)");
            }
        }
    }

    /** The entries not read yet, in file order, marking them read. */
    Map<String, Node> remaining() {
        Map<String, Node> rest = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (used.add(e.getKey())) {
                rest.put(e.getKey(), e.getValue().getValueNode());
            }
        }
        return rest;
    }
}
