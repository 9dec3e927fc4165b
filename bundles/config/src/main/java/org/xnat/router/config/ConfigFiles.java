package org.xnat.router.config;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes {@code config.yaml}. Registered as an OSGi service.
 *
 * <p>Reading checks everything it can without the plugins (types, ranges, AE titles, regular expressions,
 * references between destinations, routes and honest brokers, ports used twice) and reports every problem
 * at once. Keys of plugin destination types are checked later by their factories.
 */
public interface ConfigFiles {

    /** Reads a file, resolving {@code ${ENV_VAR}} from the process environment. */
    default LoadedConfig read(Path file) throws IOException, ConfigFileException {
        return read(file, System.getenv());
    }

    /**
     * Reads a file, resolving {@code ${ENV_VAR}} and {@code ${ENV_VAR:-default}} from {@code environment}.
     *
     * @throws ConfigFileException with every problem found, each with file, line, column and field
     * @throws IOException the file cannot be read
     */
    LoadedConfig read(Path file, Map<String, String> environment) throws IOException, ConfigFileException;

    /**
     * Reads YAML text; {@code fileName} is only used in messages.
     *
     * @throws ConfigFileException with every problem found
     */
    LoadedConfig read(String yaml, String fileName, Map<String, String> environment) throws ConfigFileException;

    /** Writes a configuration in the same format; tags are written as keywords. */
    default void write(RouterConfig config, Writer out) throws IOException {
        write(config, Map.of(), out);
    }

    /**
     * Writes a configuration, putting back the {@code ${ENV_VAR}} text for the fields of
     * {@code environmentReferences} (see {@link LoadedConfig#environmentReferences()}) whose values are
     * unchanged, so that secrets read from the environment are not written out.
     */
    void write(RouterConfig config, Map<String, EnvironmentReference> environmentReferences, Writer out) throws IOException;
}
