package org.xnat.router.routing.internal.shell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.xnat.router.routing.TransferQuery;
import org.xnat.router.routing.TransferSummary;
import org.xnat.router.routing.Transfers;

@Command(scope = "router", name = "transfers", description = "Lists transfers (study x destination), newest first")
@Service
public class TransfersCommand implements Action {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Reference
    Transfers transfers;

    @Option(name = "--status", description = "queued, sending, retrying, done, partial, failed, rejected, cancelled")
    @Completion(StatusCompleter.class)
    String status;

    @Option(name = "--route", description = "Route AE title")
    @Completion(RouteCompleter.class)
    String route;

    @Option(name = "--study", description = "Study Instance UID")
    String study;

    @Option(name = "--destination", description = "Destination name")
    @Completion(DestinationCompleter.class)
    String destination;

    @Option(name = "-n", aliases = "--limit", description = "At most this many (default 50)")
    int limit = 50;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID").alignRight();
        table.column("Route");
        table.column("Study");
        table.column("Destination");
        table.column("Status");
        table.column("Files").alignRight();
        table.column("Done").alignRight();
        table.column("Failed").alignRight();
        table.column("Bytes").alignRight();
        table.column("Attempts").alignRight();
        table.column("Started");
        table.column("Completed");
        table.column("Last error").maxSize(60);
        for (TransferSummary t : transfers.list(new TransferQuery(status, route, study, destination,
                Math.max(1, Math.min(limit, 10_000)), 0))) {
            table.addRow().addContent(t.id(), t.routeAeTitle(), t.studyInstanceUid(), t.destination(),
                    t.status().toLowerCase(java.util.Locale.ROOT), t.fileCount(), t.instancesDone(), t.instancesFailed(),
                    t.totalBytes(), t.attempts(), t.startedAt() == null ? "" : TIME.format(t.startedAt()),
                    t.completedAt() == null ? "" : TIME.format(t.completedAt()), t.lastError());
        }
        table.print(System.out);
        return null;
    }
}
