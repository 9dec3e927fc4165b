package org.xnat.router.config.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.xnat.router.config.ConfigFileException;
import org.xnat.router.config.ConfigIssue;
import org.xnat.router.config.LoadedConfig;

/**
 * Checks a config.yaml outside OSGi, so that {@code ./router start} refuses an invalid file
 * before it starts anything: {@code java -cp ... CheckConfig FILE}. Prints every problem as
 * {@code file:line:column field: message}; exits 0 when the file is usable (warnings only), 2 when
 * it is not, 1 when it cannot be read.
 */
public final class CheckConfig {

    private CheckConfig() {
    }

    public static void main(String[] args) {
        System.exit(check(args, System.out, System.err));
    }

    static int check(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: CheckConfig FILE");
            return 1;
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            err.println("config file not found: " + file);
            return 1;
        }
        try {
            LoadedConfig loaded = new YamlConfigFiles().read(file, System.getenv());
            for (ConfigIssue warning : loaded.warnings()) {
                out.println("warning: " + warning);
            }
            out.println(file + ": " + loaded.config().routes().size() + " route(s), "
                    + loaded.config().destinations().size() + " destination(s)");
            return 0;
        } catch (ConfigFileException e) {
            err.println(file + " is invalid (" + e.issues().size() + " problem(s)):");
            for (ConfigIssue issue : e.issues()) {
                err.println("  " + issue);
            }
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
