package org.xnat.router.configstore.internal;

import java.util.List;

import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.health.HealthReport;

/**
 * The "configuration" health: DOWN while the configuration file given at start was refused (until a valid
 * version is saved) or while the current version cannot be used on this instance; UP otherwise.
 */
final class ConfigurationHealth implements HealthIndicator {

    private record Refused(String file, long currentAtRefusal, List<String> problems) {
    }

    private volatile Refused refused;
    private volatile String unusable;
    private volatile long current = -1;

    @Override
    public String name() {
        return "configuration";
    }

    @Override
    public HealthReport check() {
        Refused r = refused;
        if (r != null) {
            return HealthReport.down("configuration file " + r.file() + " was refused; version " + r.currentAtRefusal()
                    + " stays current until a valid version is saved. " + r.problems().size() + " problem(s): "
                    + String.join("; ", r.problems()));
        }
        String u = unusable;
        if (u != null) {
            return HealthReport.down(u);
        }
        return HealthReport.up(current < 0 ? "starting" : current == 0 ? "no configuration saved yet"
                : "version " + current);
    }

    void fileRefused(String file, long currentVersion, List<String> problems) {
        refused = new Refused(file, currentVersion, List.copyOf(problems));
    }

    /** A version newer than the one current at a refusal clears it. */
    void versionSaved(long id) {
        Refused r = refused;
        if (r != null && id > r.currentAtRefusal()) {
            refused = null;
        }
    }

    /** Whether the version just handed out could be read here ({@code problem} null) or not. */
    void usable(long id, String problem) {
        current = id;
        unusable = problem;
    }
}
