package org.xnat.router.config;

import java.util.Map;
import java.util.Objects;
import org.xnat.router.api.config.ComponentConfig;

/**
 * One entry of {@code destinations:}. The built-in types are {@value #XNAT}, {@value #DICOM} and
 * {@value #FILE}; any other type names a destination type contributed by a plugin, whose keys are kept
 * unchecked in {@link #properties()} for its factory to validate.
 *
 * @param name the key under {@code destinations:}
 * @param type from the YAML tag ({@code !<dicom>}) or the {@code type:} key
 * @param description free text ({@code ""} if absent)
 * @param enabled {@code enabled} (default true)
 * @param properties every type-specific key (all keys but {@code type, description, enabled}), values
 *        as strings, integers, booleans, doubles, lists and maps; for {@code dicom} the port defaults to 104
 */
public record DestinationConfig(String name, String type, String description, boolean enabled,
        Map<String, Object> properties) {

    public static final String XNAT = "xnat";
    public static final String DICOM = "dicom";
    public static final String FILE = "file";

    public DestinationConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        properties = Immutables.properties(properties);
    }

    /** What the destination type's factory is given. */
    public ComponentConfig toComponentConfig() {
        return new ComponentConfig(name, type, properties);
    }

    public boolean isBuiltInType() {
        return XNAT.equals(type) || DICOM.equals(type) || FILE.equals(type);
    }
}
