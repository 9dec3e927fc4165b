package org.xnat.router.routing.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.xnat.router.routing.Transfers;

@Command(scope = "router", name = "retry", description = "Queues the failed instances of a transfer again")
@Service
public class RetryCommand implements Action {

    @Reference
    Transfers transfers;

    @Argument(index = 0, name = "id", required = true, description = "Transfer id (see router:transfers)")
    long id;

    @Override
    public Object execute() {
        if (transfers.get(id).isEmpty()) {
            System.out.println("No transfer " + id);
            return null;
        }
        int n = transfers.retry(id);
        System.out.println(n == 0 ? "Transfer " + id + " has no failed instances to retry"
                : "Transfer " + id + ": " + n + " instance(s) queued again");
        return null;
    }
}
