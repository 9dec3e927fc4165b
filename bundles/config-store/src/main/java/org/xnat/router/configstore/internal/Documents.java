package org.xnat.router.configstore.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xnat.router.api.config.ConfigProblem;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The stored document: a JSON-compatible tree (maps with text keys, lists, text, whole numbers, decimals,
 * booleans, null) in the shape of {@code config.yaml}. Converts YAML to it without losing what the file
 * reader would see, renders it back as YAML, copies and freezes it.
 */
final class Documents {

    /** Deeper documents are refused: config.yaml is a few levels deep. */
    static final int MAX_DEPTH = 40;
    /** Largest document accepted, as JSON text (the file reader's own limit is about the same). */
    static final int MAX_JSON_CHARS = 3 * 1024 * 1024;

    private Documents() {
    }

    /** Thrown for a value that cannot be part of a document. */
    static final class InvalidDocumentException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ConfigProblem problem;

        InvalidDocumentException(String field, String message) {
            super(field.isEmpty() ? message : field + ": " + message);
            this.problem = ConfigProblem.of(field, message);
        }

        ConfigProblem problem() {
            return problem;
        }
    }

    // ---------------------------------------------------------------- YAML -> document

    /**
     * Reads YAML text (already accepted by the file reader) into a document. Scalars keep what the file reader
     * sees: a number or boolean becomes one only when its text is the canonical form ({@code 104},
     * {@code true}); {@code 010}, {@code yes} or {@code 1.10} stay text, so that nothing changes meaning.
     * A destination written with a tag ({@code !<dicom>}) gets a {@code type} key instead.
     */
    static Map<String, Object> fromYaml(String yaml) throws InvalidDocumentException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_JSON_CHARS);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH);
        Node root;
        try {
            root = new Yaml(options).compose(new java.io.StringReader(yaml));
        } catch (RuntimeException e) {
            throw new InvalidDocumentException("", "not valid YAML: " + e.getMessage());
        }
        if (root == null || root instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
            return new LinkedHashMap<>();
        }
        Object value = convert(root, "", 0);
        if (!(value instanceof Map<?, ?>)) {
            throw new InvalidDocumentException("", "must be a map of keys and values");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    private static Object convert(Node node, String field, int depth) throws InvalidDocumentException {
        if (depth > MAX_DEPTH) {
            throw new InvalidDocumentException(field, "is nested more than " + MAX_DEPTH + " levels deep");
        }
        String typeTag = customTag(node);
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (typeTag != null) {
                out.put("type", typeTag);
            }
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k) || Tag.NULL.equals(k.getTag())) {
                    throw new InvalidDocumentException(field, "keys must be single values");
                }
                String key = k.getValue();
                String child = field.isEmpty() ? key : field + "." + key;
                Object v = convert(t.getValueNode(), child, depth + 1);
                if (typeTag != null && key.equals("type")) {
                    continue; // the reader checked that tag and key agree
                }
                out.put(key, v);
            }
            return out;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                out.add(convert(items.get(i), field + "[" + i + "]", depth + 1));
            }
            return out;
        }
        ScalarNode scalar = (ScalarNode) node;
        if (typeTag != null) {
            // "name: !<file>" with nothing after it: a destination of that type with no settings
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", typeTag);
            return out;
        }
        return scalar(scalar);
    }

    /** The name of a non-standard tag ({@code !<dicom>} or {@code !dicom}), or {@code null}. */
    private static String customTag(Node node) {
        Tag tag = node.getTag();
        if (tag == null || tag.startsWith(Tag.PREFIX)) {
            return null;
        }
        String value = tag.getValue();
        return value.startsWith("!") ? value.substring(1) : value;
    }

    private static Object scalar(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> text;
            };
        }
        if (Tag.INT.equals(tag)) {
            try {
                Number n = normalNumber(new BigInteger(text));
                return n.toString().equals(text) ? n : text;
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                double d = Double.parseDouble(text);
                return Double.isFinite(d) && Double.toString(d).equals(text) ? d : text;
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }

    // ---------------------------------------------------------------- document -> YAML

    /** The document as {@code config.yaml} text (block style; multi-line texts as literal blocks). */
    static String toYaml(Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setSplitLines(false);
        if (document.isEmpty()) {
            return "";
        }
        return new Yaml(options).dump(mutableCopy(document));
    }

    // ---------------------------------------------------------------- checks and copies

    /**
     * A checked, normalized mutable copy: text keys, JSON values only, whole numbers as Integer or Long,
     * decimals as Double, depth capped.
     */
    static Map<String, Object> normalized(Map<?, ?> document) throws InvalidDocumentException {
        if (document == null) {
            throw new InvalidDocumentException("", "the document is missing");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) normalize(document, "", 0);
        return out;
    }

    private static Object normalize(Object v, String field, int depth) throws InvalidDocumentException {
        if (depth > MAX_DEPTH) {
            throw new InvalidDocumentException(field, "is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new InvalidDocumentException(field, "keys must be text, got " + e.getKey());
                }
                out.put(key, normalize(e.getValue(), field.isEmpty() ? key : field + "." + key, depth + 1));
            }
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(normalize(list.get(i), field + "[" + i + "]", depth + 1));
            }
            return out;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return normalNumber(BigInteger.valueOf(((Number) v).longValue()));
        }
        if (v instanceof BigInteger b) {
            return normalNumber(b);
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().scale() <= 0 ? normalize(d.toBigIntegerExact(), field, depth) : d.doubleValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidDocumentException(field, "must be a finite number");
            }
            return d;
        }
        throw new InvalidDocumentException(field, "must be text, a number, true/false, a list or a map, not a "
                + v.getClass().getSimpleName());
    }

    private static Number normalNumber(BigInteger b) {
        if (b.bitLength() < 32) {
            return b.intValue();
        }
        if (b.bitLength() < 64) {
            return b.longValue();
        }
        throw new NumberFormatException("too large");
    }

    /** A deep mutable copy (LinkedHashMap, ArrayList) of a normalized document. */
    static Map<String, Object> mutableCopy(Map<String, Object> document) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) copy(document, false);
        return out;
    }

    /** A deep unmodifiable copy. */
    static Map<String, Object> frozen(Map<String, Object> document) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) copy(document, true);
        return out;
    }

    private static Object copy(Object v, boolean freeze) {
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put((String) k, copy(x, freeze)));
            return freeze ? Collections.unmodifiableMap(out) : out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(copy(x, freeze)));
            return freeze ? Collections.unmodifiableList(out) : out;
        }
        return v;
    }
}
