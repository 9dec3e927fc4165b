package org.xnat.router.configstore.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.xnat.router.configstore.ConfigChange;

/**
 * The changes from one document to another as add/remove/replace operations with JSON Pointer paths (RFC 6901),
 * each also with a label for people ({@code routes[ROUTER].port}).
 *
 * <p>Maps are compared key by key. The {@code routes} list is compared by {@code ae_title} when every route
 * has a distinct one, so that inserting a route reports one added route rather than every later route as
 * changed; pointers then use the route's index in the document that holds it (the new one for add/replace,
 * the old one for remove). Other lists are compared position by position.
 */
final class DocumentDiff {

    /** One change with its label. */
    record Change(ConfigChange change, String label) {
    }

    private final List<Change> out = new ArrayList<>();

    private DocumentDiff() {
    }

    static List<Change> diff(Map<String, Object> from, Map<String, Object> to) {
        DocumentDiff d = new DocumentDiff();
        d.compare(from, to, "", "");
        return d.out;
    }

    private void compare(Object a, Object b, String pointer, String label) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey())) {
                    String key = (String) e.getKey();
                    add("remove", pointer + "/" + escape(key), child(label, key), e.getValue(), null);
                }
            }
            for (Map.Entry<?, ?> e : mb.entrySet()) {
                String key = (String) e.getKey();
                if (ma.containsKey(key)) {
                    compare(ma.get(key), e.getValue(), pointer + "/" + escape(key), child(label, key));
                } else {
                    add("add", pointer + "/" + escape(key), child(label, key), null, e.getValue());
                }
            }
            return;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (pointer.equals("/routes") && byAeTitle(la, lb, pointer, label)) {
                return;
            }
            int common = Math.min(la.size(), lb.size());
            for (int i = 0; i < common; i++) {
                compare(la.get(i), lb.get(i), pointer + "/" + i, label + "[" + i + "]");
            }
            for (int i = common; i < lb.size(); i++) {
                add("add", pointer + "/" + i, label + "[" + i + "]", null, lb.get(i));
            }
            // from the end, so that the pointers stay right when applied in order
            for (int i = la.size() - 1; i >= common; i--) {
                add("remove", pointer + "/" + i, label + "[" + i + "]", la.get(i), null);
            }
            return;
        }
        add("replace", pointer, label.isEmpty() ? "(document)" : label, a, b);
    }

    /** Routes matched by AE title; false (nothing reported) when some route has none or two share one. */
    private boolean byAeTitle(List<?> a, List<?> b, String pointer, String label) {
        Map<String, Integer> oldIndex = aeTitles(a);
        Map<String, Integer> newIndex = aeTitles(b);
        if (oldIndex == null || newIndex == null) {
            return false;
        }
        int before = out.size();
        for (int i = a.size() - 1; i >= 0; i--) {
            String key = aeTitle(a.get(i));
            if (!newIndex.containsKey(key)) {
                add("remove", pointer + "/" + i, label + "[" + title(a.get(i)) + "]", a.get(i), null);
            }
        }
        for (int j = 0; j < b.size(); j++) {
            String key = aeTitle(b.get(j));
            Integer i = oldIndex.get(key);
            String routeLabel = label + "[" + title(b.get(j)) + "]";
            if (i == null) {
                add("add", pointer + "/" + j, routeLabel, null, b.get(j));
            } else {
                compare(a.get(i), b.get(j), pointer + "/" + j, routeLabel);
            }
        }
        if (out.size() == before) {
            // same routes in another order
            add("replace", pointer, label, a, b);
        }
        return true;
    }

    private static Map<String, Integer> aeTitles(List<?> routes) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < routes.size(); i++) {
            String key = aeTitle(routes.get(i));
            if (key == null || index.put(key, i) != null) {
                return null;
            }
        }
        return index;
    }

    /** The route's AE title as the router compares them (ignoring case and surrounding spaces), or null. */
    private static String aeTitle(Object route) {
        String t = title(route);
        return t == null ? null : t.strip().toUpperCase(Locale.ROOT);
    }

    private static String title(Object route) {
        return route instanceof Map<?, ?> m && m.get("ae_title") instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private void add(String op, String pointer, String label, Object oldValue, Object newValue) {
        out.add(new Change(new ConfigChange(op, pointer, oldValue, newValue), label));
    }

    private static String child(String label, String key) {
        return label.isEmpty() ? key : label + "." + key;
    }

    /** RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
