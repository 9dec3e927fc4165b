package org.xnat.router.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of one configured thing (a destination, a filter, a processor) as the
 * administrator wrote it: its name, its type and its type-specific properties (from
 * {@code config.yaml} or the admin API). {@code ${ENV_VAR}} references are already resolved.
 *
 * @param name the administrator's name for it, unique among its kind
 * @param type the type key that selected the factory, e.g. {@code "dicom"}
 * @param properties type-specific settings: strings, numbers, booleans, lists and maps
 */
public record ComponentConfig(String name, String type, Map<String, Object> properties) {

    /** Requires name and type; copies the properties (absent means none). */
    public ComponentConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties == null ? Map.of() : properties));
    }

    /** The raw value of a property: a string, number, boolean, list or map; empty when absent. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** A property as text, or {@code defaultValue} when absent. */
    public String getString(String key, String defaultValue) {
        Object v = properties.get(key);
        return v == null ? defaultValue : String.valueOf(v);
    }

    /** The value of a required property, or an {@link InvalidConfigurationException} naming it. */
    public String require(String key) throws InvalidConfigurationException {
        Object v = properties.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new InvalidConfigurationException(ConfigProblem.of(key, "is required for type '" + type + "'"));
        }
        return String.valueOf(v);
    }

    /**
     * A whole-number property (a number, or text holding one), or {@code defaultValue} when absent.
     *
     * @throws InvalidConfigurationException naming the key when the value is not a whole number
     */
    public int getInt(String key, int defaultValue) throws InvalidConfigurationException {
        Object v = properties.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(ConfigProblem.of(key, "must be a whole number, got '" + v + "'"));
        }
    }

    /**
     * A boolean property ({@code true}/{@code false}, also as text), or {@code defaultValue} when absent.
     *
     * @throws InvalidConfigurationException naming the key for any other value
     */
    public boolean getBoolean(String key, boolean defaultValue) throws InvalidConfigurationException {
        Object v = properties.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new InvalidConfigurationException(ConfigProblem.of(key, "must be true or false, got '" + v + "'"));
    }
}
