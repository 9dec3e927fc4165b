package org.xnat.router.rest.admin.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets in API answers: the value of any key naming a password, secret, token or key is replaced by
 * {@link #MASK}, unless it is a {@code ${ENV_VAR}} reference (which says where the secret is, not what it is). A
 * change that sends the mask back keeps the stored value.
 */
final class Secrets {

    static final String MASK = "********";

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?}");
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token", "key", "apikey",
            "credential", "credentials");

    private Secrets() {
    }

    /** Whether the value of {@code key} is a secret: one of its words ({@code _}, {@code -}, camelCase) names one. */
    static boolean isSecretKey(String key) {
        String words = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        for (String word : words.split("[_\\-.\\s]+")) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    static boolean isEnvReference(Object value) {
        return value instanceof String s && ENV_REFERENCE.matcher(s.strip()).matches();
    }

    /** A deep copy of {@code value} with every secret masked. */
    static Object mask(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                out.put(key, isSecretKey(key) && !(v instanceof Map) && !(v instanceof List) ? maskValue(v) : mask(v));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(mask(v)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> maskMap(Map<String, ?> value) {
        return (Map<String, Object>) mask(value);
    }

    /** The masked form of one secret value; empty and {@code ${ENV}} values are shown as they are. */
    static Object maskValue(Object v) {
        if (v == null || (v instanceof String s && s.isEmpty()) || isEnvReference(v)) {
            return v;
        }
        return MASK;
    }

    /**
     * Puts the stored secret back wherever {@code incoming} carries the mask at the same place as in {@code stored}
     * (maps by key, lists by index). A mask with nothing stored behind it is refused: it would store the mask itself.
     *
     * @param path field path for problems, e.g. {@code destinations.pacs}
     */
    static void restore(Map<String, Object> incoming, Object stored, String path) {
        Map<?, ?> old = stored instanceof Map<?, ?> m ? m : Map.of();
        for (Map.Entry<String, Object> e : incoming.entrySet()) {
            String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            Object value = e.getValue();
            Object before = old.get(e.getKey());
            if (MASK.equals(value)) {
                if (before == null) {
                    throw ApiException.invalid(field, "'" + MASK + "' stands for the stored secret, but none is stored;"
                            + " send the value or a ${ENV_VAR} reference");
                }
                e.setValue(before);
            } else if (value instanceof Map<?, ?>) {
                restore(asMap(value), before, field);
            } else if (value instanceof List<?> list && before instanceof List<?> oldList) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> item) {
                        restore(asMap(item), i < oldList.size() ? oldList.get(i) : null, field + "[" + i + "]");
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
