package org.xnat.router.destination.file.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;

/**
 * The settings of one {@code file} destination.
 *
 * @param name the destination's configured name
 * @param root {@code path}: the directory everything is written under, made absolute (a relative
 *        {@code path} is resolved against the router's working directory)
 * @param createRoot {@code create_path}: create {@code root} when it is missing; false for network shares, so
 *        that an unmounted share fails instead of filling the local disk
 * @param pattern {@code directory_pattern}: the study directory below {@code root}
 * @param minFreeBytes {@code min_free_mb}: below this much usable space the health check says DEGRADED
 */
record FileDestinationConfig(String name, Path root, boolean createRoot, DirectoryPattern pattern, long minFreeBytes) {

    static final String PATH = "path";
    static final String CREATE_PATH = "create_path";
    static final String MIN_FREE_MB = "min_free_mb";
    static final int DEFAULT_MIN_FREE_MB = 1024;

    /** Reads and checks a configuration, reporting every problem at once. */
    static FileDestinationConfig parse(ComponentConfig config) throws InvalidConfigurationException {
        List<ConfigProblem> problems = new ArrayList<>();
        Path root = null;
        String path = config.getString(PATH, null);
        if (path == null || path.isBlank()) {
            problems.add(ConfigProblem.of(PATH, "is required for type '" + config.type() + "'"));
        } else {
            try {
                root = Path.of(path.strip()).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                problems.add(ConfigProblem.of(PATH, "is not a valid path: " + e.getReason()));
            }
        }
        DirectoryPattern pattern = DirectoryPattern.parse(config.getString(DirectoryPattern.FIELD, null), problems);
        long minFree = DEFAULT_MIN_FREE_MB;
        try {
            minFree = config.getInt(MIN_FREE_MB, DEFAULT_MIN_FREE_MB);
            if (minFree < 0) {
                problems.add(ConfigProblem.of(MIN_FREE_MB, "must be 0 or more, got " + minFree));
            }
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        boolean create = true;
        try {
            create = config.getBoolean(CREATE_PATH, true);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new FileDestinationConfig(config.name(), root, create, pattern, minFree * 1024 * 1024);
    }
}
