package org.xnat.router.persistence.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Karaf substitutes {@code ${env:NAME}} / {@code $[env:NAME]} in etc/*.cfg before the component sees
 * the value (and blanks {@code ${NAME}} that is no system property). To still tell the administrator
 * which environment variable holds a wrong password, the raw line is read from the file.
 */
final class ConfigFileReferences {

    private static final Pattern REFERENCE = Pattern.compile("[$][{\\[](?:env:)?([A-Za-z0-9_.\\-]+)[}\\]]");
    private static final long MAX_CFG_BYTES = 256 * 1024;

    private ConfigFileReferences() {
    }

    /** The variable that {@code key} refers to in the configuration file, if any. */
    static Optional<String> variableOf(Object fileinstallFilename, String key) {
        if (!(fileinstallFilename instanceof String name) || name.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path file = name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_CFG_BYTES) {
                return Optional.empty();
            }
            Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:]\\s*(.*)$");
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = line.matcher(l);
                if (m.matches()) {
                    Matcher ref = REFERENCE.matcher(m.group(1));
                    return ref.find() ? Optional.of(ref.group(1)) : Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            // only used to improve a message
        }
        return Optional.empty();
    }
}
