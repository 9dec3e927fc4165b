package org.xnat.router.deid.internal.dicomedit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.deid.internal.broker.BrokerSettings;
import org.xnat.router.deid.internal.broker.Brokers;
import org.xnat.router.deid.internal.uid.UidHasher;

/**
 * The configuration of a {@code dicomedit} processor: the script ({@code text}: the script itself;
 * {@code script} or {@code anon_script}: a built-in name or a key of {@code scripts}, a map of named scripts;
 * {@code anonymize: true} alone: {@value BuiltinScripts#DEFAULT}), {@code uid_key} and {@code uid_root} for
 * {@code hashUID}, {@code lookup_table} (a map type → map key → value, or lines {@code type/key = value}) and
 * {@code honest_broker} (the broker's settings) for {@code lookup}, and the variables {@code project}
 * (or {@code project_id}), {@code subject}, {@code session}.
 */
record DicomEditSettings(String scriptName, String scriptField, Ast.Script script, UidHasher uids,
        Map<String, Map<String, String>> lookupTable, ComponentConfig broker, Map<String, String> variables,
        boolean uidKeyConfigured) {

    static DicomEditSettings parse(ComponentConfig config) throws InvalidConfigurationException {
        List<ConfigProblem> problems = new ArrayList<>();
        String field;
        String name;
        String text;
        String inline = config.getString("text", null);
        String named = config.getString("script", config.getString("anon_script", null));
        if (inline != null && !inline.isBlank()) {
            field = "text";
            name = config.name();
            text = inline;
        } else if (named != null && !named.isBlank()) {
            field = config.get("script").isPresent() ? "script" : "anon_script";
            name = named.trim();
            text = BuiltinScripts.text(name);
            if (text == null && config.get("scripts").orElse(null) instanceof Map<?, ?> scripts
                    && scripts.get(name) != null) {
                text = String.valueOf(scripts.get(name));
            }
            if (text == null) {
                throw new InvalidConfigurationException(ConfigProblem.of(field, "unknown script '" + name
                        + "' (built-in: " + String.join(", ", BuiltinScripts.NAMES) + ")"));
            }
        } else {
            boolean anonymize;
            try {
                anonymize = config.getBoolean("anonymize", false);
            } catch (InvalidConfigurationException e) {
                throw e;
            }
            if (!anonymize) {
                throw new InvalidConfigurationException(ConfigProblem.of("script",
                        "a dicomedit processor needs script (a name), text (the script) or anonymize: true"));
            }
            field = "anonymize";
            name = BuiltinScripts.DEFAULT;
            text = BuiltinScripts.text(name);
        }
        Ast.Script script = null;
        try {
            script = Parser.parse(text);
        } catch (ScriptSyntaxException e) {
            problems.add(ConfigProblem.of(field, "script '" + name + "' " + e.getMessage()));
        }
        String key = config.getString("uid_key", null);
        boolean keyConfigured = key != null && !key.isBlank();
        UidHasher uids = null;
        try {
            uids = new UidHasher(keyConfigured ? key : "xnat-router-uid:" + config.name(), config.getString("uid_root", null));
        } catch (IllegalArgumentException e) {
            problems.add(ConfigProblem.of("uid_root", e.getMessage()));
        }
        Map<String, Map<String, String>> table = new HashMap<>();
        try {
            table = lookupTable(config.get("lookup_table").orElse(null));
        } catch (IllegalArgumentException e) {
            problems.add(ConfigProblem.of("lookup_table", e.getMessage()));
        }
        ComponentConfig broker = null;
        try {
            broker = BrokerSettings.nested(config);
            if (broker != null) {
                Brokers.validate(broker, "honest_broker.");
            }
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (script != null && usesLookup(script) && table.isEmpty() && broker == null) {
            problems.add(ConfigProblem.of(field, "script '" + name + "' uses lookup: it needs honest_broker or lookup_table"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        Map<String, String> vars = new HashMap<>();
        String project = config.getString("project", config.getString("project_id", null));
        if (project != null) {
            vars.put("project", project);
        }
        for (String v : List.of("subject", "session")) {
            String value = config.getString(v, null);
            if (value != null) {
                vars.put(v, value);
            }
        }
        return new DicomEditSettings(name, field, script, uids, table, broker, Map.copyOf(vars), keyConfigured);
    }

    static boolean usesLookup(Ast.Script script) {
        return script.statements().stream().anyMatch(DicomEditSettings::usesLookup);
    }

    private static boolean usesLookup(Ast.Stmt s) {
        if (s instanceof Ast.Assign a) {
            return usesLookup(a.value());
        }
        if (s instanceof Ast.AssignVariable v) {
            return usesLookup(v.value());
        }
        if (s instanceof Ast.Call c) {
            return c.args().stream().anyMatch(DicomEditSettings::usesLookup);
        }
        if (s instanceof Ast.Conditional c) {
            return usesLookup(c.condition().left()) || usesLookup(c.condition().right()) || usesLookup(c.then())
                    || (c.otherwise() != null && usesLookup(c.otherwise()));
        }
        return false;
    }

    private static boolean usesLookup(Ast.Expr e) {
        return e instanceof Ast.Function f && (f.name().equals("lookup") || f.args().stream().anyMatch(DicomEditSettings::usesLookup));
    }

    private static Map<String, Map<String, String>> lookupTable(Object value) {
        Map<String, Map<String, String>> out = new HashMap<>();
        if (value == null) {
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> inner)) {
                    throw new IllegalArgumentException("entry '" + e.getKey() + "' must map keys to values");
                }
                Map<String, String> t = out.computeIfAbsent(String.valueOf(e.getKey()), k -> new HashMap<>());
                inner.forEach((k, v) -> t.put(String.valueOf(k), String.valueOf(v)));
            }
            return out;
        }
        int n = 0;
        for (String line : String.valueOf(value).split("\n")) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("//") || l.startsWith("#")) {
                continue;
            }
            int slash = l.indexOf('/');
            int eq = l.indexOf('=');
            if (slash <= 0 || eq < slash) {
                throw new IllegalArgumentException("line " + n + " is not 'type/key = value'");
            }
            out.computeIfAbsent(l.substring(0, slash).strip(), k -> new HashMap<>())
                    .put(l.substring(slash + 1, eq).strip(), l.substring(eq + 1).strip());
        }
        return out;
    }
}
