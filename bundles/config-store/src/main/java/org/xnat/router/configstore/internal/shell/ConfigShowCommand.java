package org.xnat.router.configstore.internal.shell;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.configstore.internal.DocumentYaml;

@Command(scope = "router", name = "config-show",
        description = "Prints a configuration version as config.yaml (the current one by default)")
@Service
public class ConfigShowCommand implements Action {

    @Reference
    ConfigStore store;

    @Argument(index = 0, name = "version", required = false, description = "Version number (see router:config-history)")
    @Completion(VersionCompleter.class)
    Long id;

    @Override
    public Object execute() {
        if (id == null) {
            System.out.print(store.exportYaml());
            return null;
        }
        Optional<ConfigVersion> v = store.version(id);
        if (v.isEmpty()) {
            System.out.println("No configuration version " + id);
            return null;
        }
        System.out.println("# version " + id + ", saved " + v.get().createdAt() + " by " + v.get().author().name()
                + (v.get().comment().isEmpty() ? "" : ": " + v.get().comment().replaceAll("[\\r\\n]", " ")));
        System.out.print(DocumentYaml.toYaml(v.get().document()));
        return null;
    }
}
