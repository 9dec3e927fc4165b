package org.xnat.router.configstore.internal.shell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersionSummary;

@Command(scope = "router", name = "config-history",
        description = "Lists configuration versions, newest first: when, who, why, what changed")
@Service
public class ConfigHistoryCommand implements Action {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** Changed paths shown per version; the rest is counted. */
    static final int MAX_PATHS = 4;

    @Reference
    ConfigStore store;

    @Option(name = "-n", aliases = "--limit", description = "Versions to list (default 20, at most 1000)")
    int limit = 20;

    @Option(name = "--offset", description = "Newest versions to skip")
    int offset;

    @Override
    public Object execute() {
        List<ConfigVersionSummary> versions = store.history(limit, offset);
        if (versions.isEmpty()) {
            System.out.println("No configuration version saved yet");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Version").alignRight();
        table.column("When");
        table.column("Author");
        table.column("Comment").maxSize(50);
        table.column("Changed").maxSize(70);
        for (ConfigVersionSummary v : versions) {
            table.addRow().addContent(v.id(), WHEN.format(v.createdAt()), author(v), v.comment(), paths(v.changes()));
        }
        table.print(System.out);
        return null;
    }

    private static String author(ConfigVersionSummary v) {
        return v.author().remoteAddress().isEmpty() ? v.author().name()
                : v.author().name() + " (" + v.author().remoteAddress() + ")";
    }

    static String paths(List<String> changes) {
        if (changes.size() <= MAX_PATHS) {
            return String.join(", ", changes);
        }
        return String.join(", ", changes.subList(0, MAX_PATHS)) + " and " + (changes.size() - MAX_PATHS) + " more";
    }
}
