package org.xnat.router.configstore.internal.shell;

import java.util.NoSuchElementException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.xnat.router.configstore.ConfigRejectedException;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;

@Command(scope = "router", name = "config-rollback",
        description = "Saves the configuration of an older version as a new version")
@Service
public class ConfigRollbackCommand implements Action {

    @Reference
    ConfigStore store;

    @Argument(index = 0, name = "version", required = true, description = "The version to go back to")
    @Completion(VersionCompleter.class)
    long id;

    @Override
    public Object execute() {
        long before = store.current().id();
        try {
            ConfigVersion v = store.rollback(id, ShellAuthors.current());
            System.out.println(v.id() == before ? "Unchanged: version " + before + " already has that configuration"
                    : "Saved as version " + v.id() + " (the configuration of version " + id + ")");
        } catch (NoSuchElementException e) {
            System.out.println(e.getMessage());
        } catch (ConfigRejectedException e) {
            Problems.print(e, System.out);
        }
        return null;
    }
}
