package org.xnat.router.examples.dicomjson.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;

/**
 * The typed settings of one {@code dicom-json} destination, read from the keys the administrator wrote
 * under the destination in {@code config.yaml} (or the admin API).
 *
 * @param name the destination's configured name
 * @param root {@code path}: the directory everything is written under, made absolute
 * @param bulkDataThreshold {@code bulk_data_threshold}: binary values (OB, OW, OF, OD, OL, OV, UN) longer
 *        than this many bytes go to a bulk data file named by a "BulkDataURI"; shorter ones stay
 *        "InlineBinary". Encapsulated pixel data always goes to a file.
 * @param pretty {@code pretty}: indent the JSON
 */
record DicomJsonConfig(String name, Path root, int bulkDataThreshold, boolean pretty) {

    static final String PATH = "path";
    static final String BULK_DATA_THRESHOLD = "bulk_data_threshold";
    static final String PRETTY = "pretty";
    static final int DEFAULT_THRESHOLD = 1024;
    /** Large values inline would make JSON nobody can open; above this a file is the only sane form. */
    static final int MAX_THRESHOLD = 16 * 1024 * 1024;

    /** Reads and checks a configuration, reporting every problem at once. */
    static DicomJsonConfig parse(ComponentConfig config) throws InvalidConfigurationException {
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
        int threshold = DEFAULT_THRESHOLD;
        try {
            threshold = config.getInt(BULK_DATA_THRESHOLD, DEFAULT_THRESHOLD);
            if (threshold < 0 || threshold > MAX_THRESHOLD) {
                problems.add(ConfigProblem.of(BULK_DATA_THRESHOLD,
                        "must be between 0 and " + MAX_THRESHOLD + " bytes, got " + threshold));
            }
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        boolean pretty = false;
        try {
            pretty = config.getBoolean(PRETTY, false);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new DicomJsonConfig(config.name(), root, threshold, pretty);
    }
}
