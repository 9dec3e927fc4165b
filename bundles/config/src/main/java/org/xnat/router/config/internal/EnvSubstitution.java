package org.xnat.router.config.internal;

import java.util.Map;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:-default}} in a value, as a POSIX shell does: the default is
 * used when the variable is unset or empty. {@code $${} stands for a literal {@code ${}.
 */
final class EnvSubstitution {

    /** Why a value could not be resolved. */
    static final class UnresolvedException extends Exception {
        private static final long serialVersionUID = 1L;

        UnresolvedException(String message) {
            super(message);
        }
    }

    private final Map<String, String> environment;

    EnvSubstitution(Map<String, String> environment) {
        this.environment = environment;
    }

    static boolean hasReference(String text) {
        return text.contains("${");
    }

    String resolve(String text) throws UnresolvedException {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new UnresolvedException("'${' without a closing '}'");
                }
                out.append(lookup(text.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String lookup(String reference) throws UnresolvedException {
        int sep = reference.indexOf(":-");
        String name = sep < 0 ? reference : reference.substring(0, sep);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new UnresolvedException("'${" + reference + "}' is not a variable reference: write ${NAME} or ${NAME:-default}");
        }
        String value = environment.get(name);
        if (sep >= 0) {
            return value == null || value.isEmpty() ? reference.substring(sep + 2) : value;
        }
        if (value == null) {
            throw new UnresolvedException("environment variable " + name + " is not set (give a default with ${"
                    + name + ":-default})");
        }
        return value;
    }
}
