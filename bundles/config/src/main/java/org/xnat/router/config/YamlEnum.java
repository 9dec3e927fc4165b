package org.xnat.router.config;

/** An enum constant spelled in {@code config.yaml} in lower snake case, e.g. {@code starts_with}. */
public interface YamlEnum {

    /** The spelling in the file. */
    String yamlName();

    /** The constant spelled {@code text} (ignoring case), or {@code null}. */
    static <E extends Enum<E> & YamlEnum> E parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.yamlName().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        return null;
    }

    /** "a, b or c": the spellings, for error messages and docs. */
    static <E extends Enum<E> & YamlEnum> String choices(Class<E> type) {
        E[] all = type.getEnumConstants();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                s.append(i == all.length - 1 ? " or " : ", ");
            }
            s.append(all[i].yamlName());
        }
        return s.toString();
    }
}
