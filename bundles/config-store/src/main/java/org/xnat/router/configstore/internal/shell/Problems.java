package org.xnat.router.configstore.internal.shell;

import java.io.PrintStream;

import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.configstore.ConfigRejectedException;

/** Prints a refused change: every problem on its own line. */
final class Problems {

    private Problems() {
    }

    static void print(ConfigRejectedException e, PrintStream out) {
        if (e.conflict()) {
            out.println("Not saved: " + e.getMessage());
            return;
        }
        out.println("Not saved: " + e.problems().size() + " problem(s)");
        for (ConfigProblem p : e.problems()) {
            out.println("  " + (p.field().isEmpty() ? "" : p.field() + ": ") + p.message());
        }
    }
}
