package org.xnat.router.routing.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.routing.RoutingStatus;

@Command(scope = "router", name = "echo", description = "Checks a destination (C-ECHO for DICOM peers, a ping or a"
        + " writable directory for the others)")
@Service
public class EchoCommand implements Action {

    @Reference
    RoutingStatus status;

    @Argument(index = 0, name = "destination", required = true, description = "Destination name")
    @Completion(DestinationCompleter.class)
    String destination;

    @Override
    public Object execute() {
        long start = System.nanoTime();
        HealthReport r = status.echo(destination);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println(destination + ": " + r.status() + " (" + ms + " ms)" + (r.detail().isEmpty() ? "" : " " + r.detail()));
        return null;
    }
}
