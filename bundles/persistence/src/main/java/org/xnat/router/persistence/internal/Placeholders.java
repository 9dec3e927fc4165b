package org.xnat.router.persistence.internal;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} and {@code ${env:NAME}} in configuration values. {@code ${env:NAME}} reads
 * only the environment; {@code ${NAME}} reads the environment, then system properties (so
 * {@code ${karaf.data}} works too). Secrets stay out of configuration files this way.
 */
final class Placeholders {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env:)?([A-Za-z0-9_.\\-]+)}");

    /** Also Karaf's own {@code $[env:NAME]} form, for messages. */
    private static final Pattern ANY_REFERENCE = Pattern.compile("[$][{\\[](?:env:)?([A-Za-z0-9_.\\-]+)[}\\]]");

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    Placeholders(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    static Placeholders ofRuntime() {
        return new Placeholders(System::getenv, System::getProperty);
    }

    /**
     * @param key the configuration key, for the error message
     * @throws InvalidSettingException naming the key and the variable when a reference is not set
     */
    String resolve(String key, String value) {
        if (value == null) {
            return "";
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String resolved = environment.apply(name);
            if (resolved == null && m.group(1) == null) {
                resolved = systemProperties.apply(name);
            }
            if (resolved == null) {
                throw new InvalidSettingException(key + " refers to ${" + (m.group(1) == null ? "" : "env:") + name
                        + "} but the environment variable " + name + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A system property, for defaults such as {@code karaf.data}. */
    String systemProperty(String name) {
        return systemProperties.apply(name);
    }

    /** The variable names a value refers to, e.g. to say where a wrong password came from. */
    static String describeSource(String key, String rawValue) {
        Matcher m = ANY_REFERENCE.matcher(rawValue == null ? "" : rawValue);
        if (m.find()) {
            return "environment variable " + m.group(1);
        }
        return key + " in etc/" + PersistenceConfiguration.PID + ".cfg";
    }
}
