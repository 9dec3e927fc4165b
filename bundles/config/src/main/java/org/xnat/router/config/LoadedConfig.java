package org.xnat.router.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A configuration file that was read successfully.
 *
 * @param file the file as given to the reader
 * @param config what it configures
 * @param warnings things that did not stop the start but should be logged (unknown keys, ...), in file order
 * @param environmentReferences field path → the text as written and its value, for every value that used
 *        {@code ${ENV_VAR}}: give it back to {@link ConfigFiles#write(RouterConfig, Map, java.io.Writer)}
 *        so that an export writes the reference, not the secret
 */
public record LoadedConfig(String file, RouterConfig config, List<ConfigIssue> warnings,
        Map<String, EnvironmentReference> environmentReferences) {

    public LoadedConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(config, "config");
        warnings = Immutables.list(warnings);
        environmentReferences = Immutables.map(environmentReferences);
    }
}
