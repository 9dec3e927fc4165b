package org.xnat.dicom.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generates the data dictionary and UID registry of dicom-core from the machine-readable standard under
 * {@code src/build/}. Run from the module directory: {@code java ... DictionaryGenerator [moduleDir]}; the
 * test {@code GeneratedSourcesAreCurrentTest} fails when the committed output differs from a fresh run.
 */
public final class DictionaryGenerator {

    public static final String TAG_JAVA = "src/main/java/org/xnat/dicom/data/Tag.java";
    public static final String UID_JAVA = "src/main/java/org/xnat/dicom/dict/UID.java";
    public static final String ELEMENTS = "src/main/resources/org/xnat/dicom/dict/internal/elements.tsv";
    public static final String UIDS = "src/main/resources/org/xnat/dicom/dict/internal/uids.tsv";

    private DictionaryGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path module = Path.of(args.length > 0 ? args[0] : ".");
        for (Map.Entry<String, String> e : generate(module).entrySet()) {
            Path out = module.resolve(e.getKey());
            Files.createDirectories(out.getParent());
            Files.writeString(out, e.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + out);
        }
    }

    /** Relative output path to content. */
    public static Map<String, String> generate(Path module) throws IOException {
        Path build = module.resolve("src/build");
        List<Map<String, String>> attributes = MiniJson.parseArrayOfObjects(
                Files.readString(build.resolve("dicom-standard/attributes.json"), StandardCharsets.UTF_8));
        List<Map<String, String>> sops = MiniJson.parseArrayOfObjects(
                Files.readString(build.resolve("dicom-standard/sops.json"), StandardCharsets.UTF_8));
        Map<String, String> out = new LinkedHashMap<>();
        generateElements(attributes, Files.readString(build.resolve("templates/Tag.java")), out);
        generateUids(sops, Files.readAllLines(build.resolve("uids-handwritten.tsv")),
                Files.readString(build.resolve("templates/UID.java")), out);
        return out;
    }

    private static void generateElements(List<Map<String, String>> attributes, String template,
            Map<String, String> out) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> a : attributes) {
            String vr = a.get("valueRepresentation");
            String keyword = a.get("keyword");
            if (keyword.isEmpty() || vr.isEmpty() || vr.startsWith("See Note")) {
                continue; // no keyword (withdrawn) or item delimiters, which are not data elements
            }
            rows.add(a);
        }
        rows.sort(Comparator.comparing((Map<String, String> a) -> a.get("id").toLowerCase(Locale.ROOT)));
        StringBuilder tsv = new StringBuilder(
                "# tag-pattern\tVR (alternatives separated by |)\tVM\tretired\tkeyword\tname\n");
        StringBuilder constants = new StringBuilder();
        Set<String> seen = new HashSet<>();
        for (Map<String, String> a : rows) {
            String pattern = a.get("id").toLowerCase(Locale.ROOT);
            if (!pattern.matches("[0-9a-fx]{8}")) {
                throw new IllegalStateException("Unexpected tag " + a);
            }
            String vr = a.get("valueRepresentation").replace(" or ", "|");
            if (!vr.matches("[A-Z]{2}(\\|[A-Z]{2})*")) {
                throw new IllegalStateException("Unexpected VR " + a);
            }
            String keyword = a.get("keyword");
            if (!seen.add(keyword)) {
                throw new IllegalStateException("Duplicate keyword " + keyword);
            }
            tsv.append(pattern).append('\t').append(vr).append('\t').append(a.get("valueMultiplicity"))
                    .append('\t').append(a.get("retired")).append('\t').append(keyword)
                    .append('\t').append(a.get("name").replace('\t', ' ')).append('\n');
            String hex = pattern.replace('x', '0').toUpperCase(Locale.ROOT);
            constants.append("    /** ").append(a.get("tag").toUpperCase(Locale.ROOT)).append(' ')
                    .append(vr).append(' ').append(a.get("valueMultiplicity"))
                    .append(" Y".equals(" " + a.get("retired")) ? " (retired) " : " ")
                    .append(escapeJavadoc(a.get("name"))).append(" */\n");
            constants.append("    public static final int ").append(keyword).append(" = 0x").append(hex).append(";\n\n");
        }
        out.put(TAG_JAVA, template.replace("    // @@CONSTANTS@@\n", constants.toString()));
        out.put(ELEMENTS, tsv.toString());
    }

    private static void generateUids(List<Map<String, String>> sops, List<String> handwritten, String template,
            Map<String, String> out) {
        StringBuilder tsv = new StringBuilder("# uid\ttype\tkeyword\tretired\tname\n");
        StringBuilder constants = new StringBuilder();
        Set<String> keywords = new HashSet<>();
        Set<String> uids = new HashSet<>();
        List<String[]> rows = new ArrayList<>();
        for (String line : handwritten) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 5) {
                throw new IllegalStateException("Bad line in uids-handwritten.tsv: " + line);
            }
            rows.add(f);
        }
        for (Map<String, String> s : sops) {
            rows.add(new String[] {s.get("id"), "StorageSOPClass", keywordOf(s.get("name")), "N", s.get("name")});
        }
        for (String[] r : rows) {
            if (!uids.add(r[0]) || !keywords.add(r[2])) {
                throw new IllegalStateException("Duplicate UID or keyword: " + String.join(" ", r));
            }
            if (!r[0].matches("[0-9]+(\\.[0-9]+)*")) {
                throw new IllegalStateException("Bad UID " + r[0]);
            }
            tsv.append(String.join("\t", r)).append('\n');
            constants.append("    /** ").append(escapeJavadoc(r[4])).append("Y".equals(r[3]) ? " (retired)" : "")
                    .append(", ").append(r[1]).append(" */\n");
            constants.append("    public static final String ").append(r[2]).append(" = \"").append(r[0])
                    .append("\";\n\n");
        }
        out.put(UID_JAVA, template.replace("    // @@CONSTANTS@@\n", constants.toString()));
        out.put(UIDS, tsv.toString());
    }

    /** "Digital X-Ray Image Storage - For Presentation" -> "DigitalXRayImageStorageForPresentation". */
    static String keywordOf(String name) {
        StringBuilder k = new StringBuilder();
        boolean upperNext = true;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                k.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            } else {
                upperNext = true;
            }
        }
        if (Character.isDigit(k.charAt(0))) {
            k.insert(0, '_');
        }
        return k.toString();
    }

    private static String escapeJavadoc(String s) {
        return s.replace("*/", "* /").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("@", "&#64;").replace("\\u", "\\\\u");
    }

    /** Just enough JSON for the standard's tables: an array of objects whose values are strings. */
    static final class MiniJson {
        private final String s;
        private int i;

        private MiniJson(String s) {
            this.s = s;
        }

        static List<Map<String, String>> parseArrayOfObjects(String text) {
            MiniJson p = new MiniJson(text);
            List<Map<String, String>> list = new ArrayList<>();
            p.expect('[');
            if (p.peek() == ']') {
                p.i++;
                return list;
            }
            do {
                list.add(p.object());
            } while (p.comma(']'));
            return list;
        }

        private Map<String, String> object() {
            Map<String, String> m = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                i++;
                return m;
            }
            do {
                String k = string();
                expect(':');
                m.put(k, string());
            } while (comma('}'));
            return m;
        }

        private boolean comma(char close) {
            char c = peek();
            i++;
            if (c == ',') {
                return true;
            }
            if (c == close) {
                return false;
            }
            throw new IllegalStateException("JSON: unexpected '" + c + "' at " + (i - 1));
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalStateException("JSON: expected '" + c + "' at " + i);
            }
            i++;
        }

        private char peek() {
            while (Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return s.charAt(i);
        }
    }
}
