package org.xnat.router.routing.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.xnat.router.routing.RoutingStatus;

@Command(scope = "router", name = "destinations", description = "Lists the destinations: type, availability, queue")
@Service
public class DestinationsCommand implements Action {

    @Reference
    RoutingStatus status;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Type");
        table.column("Delivery");
        table.column("Available");
        table.column("Queued").alignRight();
        table.column("Sending").alignRight();
        table.column("Failed").alignRight();
        table.column("Problem");
        for (RoutingStatus.DestinationStatus d : status.destinations()) {
            table.addRow().addContent(d.name(), d.type(), d.delivery(), d.available() ? "yes" : "no", d.pending(),
                    d.inProgress(), d.failed(), d.problem());
        }
        table.print(System.out);
        return null;
    }
}
