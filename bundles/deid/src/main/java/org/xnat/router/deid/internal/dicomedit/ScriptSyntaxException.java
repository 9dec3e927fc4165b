package org.xnat.router.deid.internal.dicomedit;

import org.xnat.router.deid.ScriptProblem;

/** A script that does not parse, or fails while running, at a line and column. */
final class ScriptSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ScriptProblem problem;

    ScriptSyntaxException(int line, int column, String message) {
        super("line " + line + ", column " + column + ": " + message);
        this.problem = new ScriptProblem(line, column, message);
    }

    ScriptProblem problem() {
        return problem;
    }
}
