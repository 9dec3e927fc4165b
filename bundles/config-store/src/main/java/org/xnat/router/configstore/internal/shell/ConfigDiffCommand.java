package org.xnat.router.configstore.internal.shell;

import java.util.List;
import java.util.NoSuchElementException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.xnat.router.configstore.ConfigChange;
import org.xnat.router.configstore.ConfigStore;

@Command(scope = "router", name = "config-diff", description = "Shows what changed from version A to version B")
@Service
public class ConfigDiffCommand implements Action {

    /** Values longer than this are cut in the table (a whole route, a script). */
    static final int MAX_VALUE = 60;

    @Reference
    ConfigStore store;

    @Argument(index = 0, name = "from", required = true, description = "Version A (0 = nothing)")
    @Completion(VersionCompleter.class)
    long from;

    @Argument(index = 1, name = "to", required = true, description = "Version B")
    @Completion(VersionCompleter.class)
    long to;

    @Override
    public Object execute() {
        List<ConfigChange> changes;
        try {
            changes = store.diff(from, to);
        } catch (NoSuchElementException e) {
            System.out.println(e.getMessage());
            return null;
        }
        if (changes.isEmpty()) {
            System.out.println("Versions " + from + " and " + to + " are the same");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Change");
        table.column("Path");
        table.column("Before");
        table.column("After");
        for (ConfigChange c : changes) {
            table.addRow().addContent(c.op(), c.path(), value(c.op().equals("add"), c.oldValue()),
                    value(c.op().equals("remove"), c.newValue()));
        }
        table.print(System.out);
        return null;
    }

    private static String value(boolean absent, Object v) {
        if (absent) {
            return "";
        }
        String s = String.valueOf(v).replaceAll("[\\r\\n]+", " ");
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE - 3) + "...";
    }
}
