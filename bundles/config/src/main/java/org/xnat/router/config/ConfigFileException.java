package org.xnat.router.config;

import java.util.List;
import java.util.stream.Collectors;
import org.xnat.router.api.config.InvalidConfigurationException;

/** A configuration file was refused; it lists every problem found, each with its file, line and field. */
public class ConfigFileException extends InvalidConfigurationException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigIssue> issues;

    public ConfigFileException(List<ConfigIssue> issues) {
        super(issues.stream().map(ConfigIssue::toProblem).collect(Collectors.toList()));
        this.issues = List.copyOf(issues);
    }

    public List<ConfigIssue> issues() {
        return issues;
    }

    /** One problem per line, each as {@code file:line:column: field: message}. */
    @Override
    public String getMessage() {
        String head = issues.size() == 1 ? "1 problem" : issues.size() + " problems";
        return head + " in configuration:\n" + issues.stream().map(i -> "  " + i).collect(Collectors.joining("\n"));
    }
}
