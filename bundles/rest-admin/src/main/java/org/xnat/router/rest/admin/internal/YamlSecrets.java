package org.xnat.router.rest.admin.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * config.yaml text through the API without secrets: an export masks literal secret values (a {@code ${ENV_VAR}}
 * reference is kept, it names the secret without giving it); an import that carries the mask gets the stored
 * value back at the same place, as a PUT does.
 */
final class YamlSecrets {

    private YamlSecrets() {
    }

    /** The export text with literal secrets masked; the store's first comment line (version, author) is kept. */
    static String maskExport(String yaml) {
        Map<String, Object> doc = load(yaml);
        if (doc == null) {
            return yaml;
        }
        StringBuilder out = new StringBuilder();
        for (String line : yaml.split("\n", -1)) {
            if (!line.startsWith("#")) {
                break;
            }
            out.append(line).append('\n');
        }
        out.append("# Secrets written in the configuration itself are shown as " + Secrets.MASK + ": importing this file\n"
                + "# keeps the stored values. ${ENV_VAR} references are kept as they are.\n");
        return out.append(dump(Secrets.maskMap(doc))).toString();
    }

    /**
     * The import text with every mask replaced by the stored secret at the same place; the text itself when it
     * holds no mask (so problems keep their line numbers).
     */
    static String restoreImport(String yaml, Map<String, Object> current) {
        if (!yaml.contains(Secrets.MASK)) {
            return yaml;
        }
        Map<String, Object> doc;
        try {
            doc = load(yaml);
        } catch (YAMLException e) {
            throw ApiException.badRequest("the file holds " + Secrets.MASK + " placeholders but is not YAML this"
                    + " router can read to put the stored secrets back: " + e.getMessage());
        }
        if (doc == null) {
            return yaml;
        }
        Secrets.restore(doc, current, "");
        return dump(doc);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(Bodies.MAX_TEXT);
        Object o = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options)
                .load(yaml);
        return o instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : null;
    }

    private static String dump(Map<String, Object> doc) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        return new Yaml(options).dump(doc);
    }
}
