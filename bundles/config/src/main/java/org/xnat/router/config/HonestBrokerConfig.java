package org.xnat.router.config;

import java.util.Map;
import java.util.Objects;
import org.xnat.router.api.config.ComponentConfig;

/**
 * One entry of {@code honest_brokers:}, kept for de-identification (which validates its keys).
 *
 * @param name the key under {@code honest_brokers:}
 * @param type {@code type} (or the legacy {@code broker_type}); {@value #DEFAULT_TYPE} when absent
 * @param description free text ({@code ""} if absent)
 * @param enabled {@code enabled} (default true)
 * @param properties all other keys ({@code url}, {@code api_host}, credentials, ...)
 */
public record HonestBrokerConfig(String name, String type, String description, boolean enabled,
        Map<String, Object> properties) {

    public static final String DEFAULT_TYPE = "local";

    public HonestBrokerConfig {
        Objects.requireNonNull(name, "name");
        type = type == null ? DEFAULT_TYPE : type;
        description = description == null ? "" : description;
        properties = Immutables.properties(properties);
    }

    public ComponentConfig toComponentConfig() {
        return new ComponentConfig(name, type, properties);
    }
}
