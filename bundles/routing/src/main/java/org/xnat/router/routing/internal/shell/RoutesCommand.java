package org.xnat.router.routing.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.xnat.router.routing.RoutingStatus;

@Command(scope = "router", name = "routes", description = "Lists the routes: AE title, port, listening, destinations")
@Service
public class RoutesCommand implements Action {

    @Reference
    RoutingStatus status;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("AE title");
        table.column("Port").alignRight();
        table.column("Enabled");
        table.column("Listening");
        table.column("Destinations");
        table.column("Problem");
        for (RoutingStatus.RouteStatus r : status.routes()) {
            table.addRow().addContent(r.aeTitle(), r.port(), r.enabled() ? "yes" : "no", r.listening() ? "yes" : "no",
                    String.join(", ", r.destinations()), r.problem());
        }
        table.print(System.out);
        return null;
    }
}
