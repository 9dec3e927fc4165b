package org.xnat.router.api.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration was refused; it carries every problem found, not only the first. */
public class InvalidConfigurationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    /** @param problems every problem found (not empty); the message lists them all */
    public InvalidConfigurationException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** A configuration with exactly one problem. */
    public InvalidConfigurationException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** Every problem, in the order found. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
