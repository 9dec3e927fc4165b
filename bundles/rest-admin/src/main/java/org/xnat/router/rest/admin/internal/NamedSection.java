package org.xnat.router.rest.admin.internal;

import static org.xnat.router.rest.admin.internal.ConfigEditor.asMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A top-level map of named entries ({@code destinations}, {@code honest_brokers}): an entry in the API is its
 * config.yaml map with its {@code name} added; stored, the name is the key.
 */
final class NamedSection {

    private final String key;
    private final String what;

    NamedSection(String key, String what) {
        this.key = key;
        this.what = what;
    }

    String key() {
        return key;
    }

    /** The entry as the API shows it: name first, secrets masked. */
    Map<String, Object> view(String name, Object stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        Map<String, Object> m = asMap(stored);
        if (m != null) {
            Secrets.maskMap(m).forEach((k, v) -> {
                if (!k.equals("name")) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    Object stored(Map<String, Object> doc, String name) {
        Map<String, Object> section = ConfigEditor.read(doc, key);
        if (!section.containsKey(name)) {
            throw ApiException.notFound("no " + what + " named '" + name + "'");
        }
        return section.get(name);
    }

    /** The body of a create/replace, without the API-only keys, ready to store. */
    static Map<String, Object> storable(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>(body);
        out.remove("name");
        out.remove("status");
        return out;
    }
}
