package org.xnat.router.configstore.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.DestinationFactory;
import org.xnat.router.config.ConfigFileException;
import org.xnat.router.config.ConfigFiles;
import org.xnat.router.config.ConfigIssue;
import org.xnat.router.config.DestinationConfig;
import org.xnat.router.config.LoadedConfig;
import org.xnat.router.config.RouterConfig;

/**
 * Checks a document with every rule of the {@code config.yaml} reader (the document is rendered as YAML and
 * read by {@link ConfigFiles}), then lets the {@link DestinationFactory} of each destination's type check its
 * settings. Types without a factory (a plugin not installed yet) are not refused: the routing engine reports
 * them when it applies the configuration.
 */
final class DocumentValidator {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentValidator.class);

    /** What a valid document reads as. */
    record Result(RouterConfig config, List<ConfigIssue> warnings) {
    }

    private final ConfigFiles files;
    private final Function<String, Optional<DestinationFactory>> factories;
    private final Map<String, String> environment;

    DocumentValidator(ConfigFiles files, Function<String, Optional<DestinationFactory>> factories,
            Map<String, String> environment) {
        this.files = files;
        this.factories = factories;
        this.environment = environment;
    }

    /** Every problem of a normalized document; empty if it is valid. */
    List<ConfigProblem> problems(Map<String, Object> document) {
        try {
            read(document);
            return List.of();
        } catch (InvalidConfigurationException e) {
            return e.problems();
        }
    }

    /**
     * Reads a normalized document as the routing engine will use it ({@code ${ENV_VAR}} resolved).
     *
     * @throws InvalidConfigurationException with every problem, each with its field path
     */
    Result read(Map<String, Object> document) throws InvalidConfigurationException {
        LoadedConfig loaded = readFile(Documents.toYaml(document), "configuration");
        List<ConfigProblem> problems = new ArrayList<>();
        for (DestinationConfig d : loaded.config().destinations().values()) {
            factories.apply(d.type()).ifPresent(f -> problems.addAll(checkWithFactory(f, d)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new Result(loaded.config(), loaded.warnings());
    }

    /** Reads YAML text with the file reader; problems keep their field paths. */
    LoadedConfig readFile(String yaml, String fileName) throws ConfigFileException {
        return files.read(yaml, fileName, environment);
    }

    private static List<ConfigProblem> checkWithFactory(DestinationFactory factory, DestinationConfig d) {
        String prefix = "destinations." + d.name();
        try {
            factory.validate(d.toComponentConfig());
            return List.of();
        } catch (InvalidConfigurationException e) {
            return e.problems().stream()
                    .map(p -> ConfigProblem.of(p.field().isEmpty() ? prefix : prefix + "." + p.field(), p.message()))
                    .toList();
        } catch (RuntimeException e) {
            LOG.warn("Destination type '{}' failed to check destination '{}'", d.type(), d.name(), e);
            return List.of(ConfigProblem.of(prefix, "the '" + d.type() + "' destination type failed to check it: " + e));
        }
    }
}
