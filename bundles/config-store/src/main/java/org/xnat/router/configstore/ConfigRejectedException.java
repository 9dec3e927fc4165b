package org.xnat.router.configstore;

import java.util.List;
import java.util.stream.Collectors;

import org.xnat.router.api.config.ConfigProblem;

/** A change that was not saved: invalid (with every problem) or based on a version that is no longer current. */
public class ConfigRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;
    private final boolean conflict;

    public ConfigRejectedException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
        this.conflict = false;
    }

    /** A conflict: {@code current} moved on from {@code expected}. */
    public ConfigRejectedException(long expected, long current) {
        super("configuration version " + expected + " is no longer current (current: " + current + ")");
        this.problems = List.of(ConfigProblem.of("version", getMessage()));
        this.conflict = true;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** True when the change lost a race with another change (HTTP 409), false when it is invalid (HTTP 400/422). */
    public boolean conflict() {
        return conflict;
    }
}
