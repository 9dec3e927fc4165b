package org.xnat.router.routing.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes transfer statuses. */
@Service
public class StatusCompleter implements Completer {

    static final List<String> STATUSES = List.of("queued", "sending", "retrying", "done", "partial", "failed",
            "rejected", "cancelled");

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(STATUSES).complete(session, commandLine, candidates);
    }
}
