package org.xnat.router.config;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code scripts:}, kept for de-identification. A script written as a single text
 * ({@code name: "script text"}) is kept as the property {@value #CONTENT}.
 *
 * @param name the key under {@code scripts:}
 * @param properties its keys, e.g. {@code content}, {@code file}, {@code description}
 */
public record ScriptConfig(String name, Map<String, Object> properties) {

    public static final String CONTENT = "content";

    public ScriptConfig {
        Objects.requireNonNull(name, "name");
        properties = Immutables.properties(properties);
    }
}
