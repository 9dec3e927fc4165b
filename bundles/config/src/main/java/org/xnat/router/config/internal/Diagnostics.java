package org.xnat.router.config.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xnat.router.config.ConfigIssue;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the errors and warnings of one read, each tied to the node it is about. */
final class Diagnostics {

    private static final Comparator<ConfigIssue> BY_POSITION =
            Comparator.comparingInt(ConfigIssue::line).thenComparingInt(ConfigIssue::column);

    private final String file;
    private final List<ConfigIssue> errors = new ArrayList<>();
    private final List<ConfigIssue> warnings = new ArrayList<>();

    Diagnostics(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void error(Node at, String field, String message) {
        errors.add(issue(at == null ? null : at.getStartMark(), field, message));
    }

    void error(Mark at, String field, String message) {
        errors.add(issue(at, field, message));
    }

    void warn(Node at, String field, String message) {
        warnings.add(issue(at == null ? null : at.getStartMark(), field, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Errors in file order (a stable sort keeps the order of several problems on one line). */
    List<ConfigIssue> errors() {
        return errors.stream().sorted(BY_POSITION).toList();
    }

    List<ConfigIssue> warnings() {
        return warnings.stream().sorted(BY_POSITION).toList();
    }

    private ConfigIssue issue(Mark mark, String field, String message) {
        // SnakeYAML counts lines and columns from 0; editors count from 1.
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        return new ConfigIssue(file, line, column, field == null ? "" : field, message);
    }
}
