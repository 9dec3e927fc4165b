package org.xnat.router.routing.internal.processing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.config.HonestBrokerConfig;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.ScriptConfig;

/**
 * Turns a route destination's de-identification settings into processor configurations, in the order they run
 * (after the route's tag modifications):
 * <ul>
 * <li>{@code use_honest_broker} + {@code honest_broker: NAME} without a script: the {@code honest-broker} processor
 * with the broker's settings from {@code honest_brokers:};</li>
 * <li>{@code anon_script: NAME} (a built-in script or an entry of {@code scripts:}), or {@code anonymize: true}
 * alone ({@code hipaa_standard}): a {@code dicomedit} processor with the variable {@code project} (the route
 * destination's {@code project_id}) and the named broker (for {@code lookup}); with {@code use_honest_broker} an
 * {@code honest-broker} processor runs first in {@code labels_only} mode, giving the script the variables
 * {@code subject} and {@code session} from the broker.</li>
 * </ul>
 * A {@code scripts:} entry may add {@code uid_key}, {@code uid_root} and {@code lookup_table} for its script (also
 * for a built-in name); without {@code uid_key} the broker's {@code hash_key} keys {@code hashUID}.
 */
public final class DeidSpecs {

    public static final String DICOMEDIT = "dicomedit";
    public static final String HONEST_BROKER = "honest-broker";
    /** Script files are read up to this size. */
    static final int MAX_SCRIPT_BYTES = 1 << 20;
    private static final Set<String> SCRIPT_PASS_THROUGH = Set.of("uid_key", "uid_root", "lookup_table");

    /** The settings are unusable (an unknown broker, an unreadable script file). */
    public static final class SpecException extends Exception {
        private static final long serialVersionUID = 1L;

        SpecException(String message) {
            super(message);
        }
    }

    private DeidSpecs() {
    }

    /** Whether the route destination de-identifies at all (then nothing is ever sent without its processors). */
    public static boolean deidentifies(RouteDestination rd) {
        return rd.anonymize() || (rd.anonScript() != null && !rd.anonScript().isBlank()) || rd.useHonestBroker();
    }

    /** The processor configurations, in order; empty when the route destination does not de-identify. */
    public static List<ComponentConfig> of(RouterConfig config, RouteConfig route, RouteDestination rd)
            throws SpecException {
        List<ComponentConfig> out = new ArrayList<>();
        if (!deidentifies(rd)) {
            return out;
        }
        String where = "route " + route.aeTitle() + ", destination " + rd.destination() + ": ";
        HonestBrokerConfig broker = null;
        if (rd.honestBroker() != null && !rd.honestBroker().isBlank()) {
            broker = config.honestBrokers().get(rd.honestBroker());
            if (broker == null) {
                throw new SpecException(where + "honest broker '" + rd.honestBroker() + "' is not under honest_brokers");
            }
        }
        if (rd.useHonestBroker()) {
            if (broker == null) {
                throw new SpecException(where + "use_honest_broker needs honest_broker");
            }
            if (!broker.enabled()) {
                throw new SpecException(where + "honest broker '" + broker.name() + "' is disabled");
            }
        }
        boolean script = rd.anonymize() || (rd.anonScript() != null && !rd.anonScript().isBlank());
        if (rd.useHonestBroker()) {
            Map<String, Object> p = brokerProperties(broker);
            if (script) {
                p.put("labels_only", true);
            }
            out.add(new ComponentConfig(broker.name(), HONEST_BROKER, p));
        }
        if (script) {
            out.add(dicomedit(config, rd, broker, where));
        }
        return out;
    }

    private static ComponentConfig dicomedit(RouterConfig config, RouteDestination rd, HonestBrokerConfig broker,
            String where) throws SpecException {
        Map<String, Object> p = new LinkedHashMap<>();
        String name;
        if (rd.anonScript() != null && !rd.anonScript().isBlank()) {
            name = rd.anonScript().strip();
            p.put("anon_script", name);
        } else {
            name = "hipaa_standard";
            p.put("anonymize", true);
        }
        ScriptConfig entry = config.scripts().get(name);
        if (entry != null) {
            String text = text(config, entry, where);
            if (text != null) {
                p.put("scripts", Map.of(name, text));
            }
            entry.properties().forEach((k, v) -> {
                if (SCRIPT_PASS_THROUGH.contains(k)) {
                    p.put(k, v);
                }
            });
        }
        if (rd.projectId() != null && !rd.projectId().isBlank()) {
            p.put("project", rd.projectId());
        }
        if (broker != null && broker.enabled()) {
            Map<String, Object> b = brokerProperties(broker);
            b.put("name", broker.name());
            p.put("honest_broker", b);
            if (!p.containsKey("uid_key") && broker.properties().get("hash_key") != null) {
                p.put("uid_key", broker.properties().get("hash_key"));
            }
        }
        return new ComponentConfig(name, DICOMEDIT, p);
    }

    private static Map<String, Object> brokerProperties(HonestBrokerConfig broker) {
        Map<String, Object> p = new LinkedHashMap<>(broker.properties());
        p.put("broker_type", broker.type());
        return p;
    }

    /** The script text of a {@code scripts:} entry: {@code content}, or {@code file} (relative to scripts_directory). */
    private static String text(RouterConfig config, ScriptConfig entry, String where) throws SpecException {
        Object content = entry.properties().get(ScriptConfig.CONTENT);
        if (content != null) {
            return String.valueOf(content);
        }
        Object file = entry.properties().get("file");
        if (file == null) {
            return null; // settings only (uid_key, ...) for a built-in script
        }
        Path path = Path.of(String.valueOf(file));
        if (!path.isAbsolute() && config.scriptsDirectory() != null && !config.scriptsDirectory().isBlank()) {
            path = Path.of(config.scriptsDirectory()).resolve(path);
        }
        try {
            if (Files.size(path) > MAX_SCRIPT_BYTES) {
                throw new SpecException(where + "script file " + path + " is larger than " + MAX_SCRIPT_BYTES + " bytes");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(where + "cannot read script file " + path + ": " + e.getMessage());
        }
    }
}
