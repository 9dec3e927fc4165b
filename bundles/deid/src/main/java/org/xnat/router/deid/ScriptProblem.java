package org.xnat.router.deid;

import java.util.Objects;

/**
 * Something wrong in a DicomEdit script, where it is.
 *
 * @param line 1-based line
 * @param column 1-based column (characters)
 * @param message what is wrong, for people
 */
public record ScriptProblem(int line, int column, String message) {

    public ScriptProblem {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
