package org.xnat.router.configstore.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.xnat.router.configstore.ConfigStore;

/** Completes the numbers of the 50 newest configuration versions. */
@Service
public class VersionCompleter implements Completer {

    @Reference
    ConfigStore store;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        store.history(50, 0).forEach(v -> ids.getStrings().add(Long.toString(v.id())));
        return ids.complete(session, commandLine, candidates);
    }
}
