package org.xnat.router.importer.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.xnat.router.routing.RoutingStatus;

/** Completes the AE titles of enabled routes (those an import can go through). */
@Service
public class RouteCompleter implements Completer {

    @Reference
    RoutingStatus status;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        status.routes().stream().filter(RoutingStatus.RouteStatus::enabled)
                .forEach(r -> names.getStrings().add(r.aeTitle()));
        return names.complete(session, commandLine, candidates);
    }
}
