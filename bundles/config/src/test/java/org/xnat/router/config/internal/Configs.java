package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.xnat.router.config.ConfigFileException;
import org.xnat.router.config.ConfigIssue;
import org.xnat.router.config.LoadedConfig;
import org.xnat.router.config.RouterConfig;

/** Test helpers: read YAML text, collect the problems of a refused file, write a configuration. */
final class Configs {

    static final YamlConfigFiles FILES = new YamlConfigFiles();

    private Configs() {
    }

    static LoadedConfig read(String yaml) {
        return read(yaml, Map.of());
    }

    static LoadedConfig read(String yaml, Map<String, String> env) {
        try {
            return FILES.read(yaml, "test.yaml", env);
        } catch (ConfigFileException e) {
            throw new AssertionError("unexpected problems:\n" + e.getMessage(), e);
        }
    }

    static List<ConfigIssue> problems(String yaml) {
        return problems(yaml, Map.of());
    }

    static List<ConfigIssue> problems(String yaml, Map<String, String> env) {
        return assertThatExceptionOfType(ConfigFileException.class)
                .isThrownBy(() -> FILES.read(yaml, "test.yaml", env))
                .actual().issues();
    }

    static String resource(String name) {
        try (InputStream in = Configs.class.getResourceAsStream("/configs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(RouterConfig config) {
        StringWriter out = new StringWriter();
        try {
            FILES.write(config, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A minimal valid file with one file destination and the given route lines appended. */
    static String withRoutes(String routes) {
        return """
                destinations:
                  store:
                    type: file
                    path: /tmp/store
                routes:
                """ + routes;
    }
}
