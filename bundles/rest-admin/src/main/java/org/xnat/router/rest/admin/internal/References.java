package org.xnat.router.rest.admin.internal;

import static org.xnat.router.rest.admin.internal.ConfigEditor.asMap;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which routes use a destination, an honest broker or a script (a used one may not be deleted). */
final class References {

    private References() {
    }

    /** AE titles of the routes naming {@code destination} in their destinations or routing rules. */
    static Set<String> routesUsingDestination(Map<String, Object> doc, String destination) {
        Set<String> out = new LinkedHashSet<>();
        for (Object r : ConfigEditor.readList(doc, "routes")) {
            Map<String, Object> route = asMap(r);
            if (route == null) {
                continue;
            }
            boolean uses = false;
            for (Object d : ConfigEditor.readList(route, "destinations")) {
                Map<String, Object> rd = asMap(d);
                Object name = rd == null ? d : rd.get("destination");
                uses |= destination.equals(name);
            }
            for (Object rule : ConfigEditor.readList(route, "routing_rules")) {
                Map<String, Object> m = asMap(rule);
                if (m != null) {
                    uses |= ConfigEditor.readList(m, "destinations").contains(destination);
                }
            }
            if (uses) {
                out.add(String.valueOf(route.get("ae_title")));
            }
        }
        return out;
    }

    /** AE titles of the routes whose destinations name {@code value} under {@code key} (honest_broker, anon_script). */
    static Set<String> routesWithDestinationKey(Map<String, Object> doc, String key, String value) {
        Set<String> out = new LinkedHashSet<>();
        for (Object r : ConfigEditor.readList(doc, "routes")) {
            Map<String, Object> route = asMap(r);
            if (route == null) {
                continue;
            }
            List<Object> dests = ConfigEditor.readList(route, "destinations");
            for (Object d : dests) {
                Map<String, Object> rd = asMap(d);
                if (rd != null && value.equals(rd.get(key))) {
                    out.add(String.valueOf(route.get("ae_title")));
                }
            }
        }
        return out;
    }
}
