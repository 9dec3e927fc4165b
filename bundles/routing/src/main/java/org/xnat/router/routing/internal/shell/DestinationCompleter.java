package org.xnat.router.routing.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.xnat.router.routing.RoutingStatus;

/** Completes configured destination names. */
@Service
public class DestinationCompleter implements Completer {

    @Reference
    RoutingStatus status;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        status.destinations().forEach(d -> names.getStrings().add(d.name()));
        return names.complete(session, commandLine, candidates);
    }
}
