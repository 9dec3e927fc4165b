package ${package}.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;

/**
 * The typed settings of one '${destinationType}' destination, read from the keys the administrator writes
 * under the destination in config.yaml:
 *
 * <pre>
 * destinations:
 *   my-copy:
 *     type: ${destinationType}
 *     directory: /srv/copies
 * </pre>
 *
 * @param name the destination's configured name
 * @param directory {@code directory}: where the instances are written
 */
record ${className}Config(String name, Path directory) {

    static final String DIRECTORY = "directory";

    /** Reads and checks a configuration, reporting every problem at once, field by field. */
    static ${className}Config parse(ComponentConfig config) throws InvalidConfigurationException {
        List<ConfigProblem> problems = new ArrayList<>();
        Path directory = null;
        String value = config.getString(DIRECTORY, null);
        if (value == null || value.isBlank()) {
            problems.add(ConfigProblem.of(DIRECTORY, "is required for type '" + config.type() + "'"));
        } else {
            try {
                directory = Path.of(value.strip()).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                problems.add(ConfigProblem.of(DIRECTORY, "is not a valid path: " + e.getReason()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new ${className}Config(config.name(), directory);
    }
}
