package org.xnat.router.configstore.internal.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.xnat.router.configstore.ConfigRejectedException;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;

@Command(scope = "router", name = "config-import",
        description = "Imports a config.yaml as a new configuration version (checked whole first)")
@Service
public class ConfigImportCommand implements Action {

    /** A config.yaml is a few kilobytes. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    @Reference
    ConfigStore store;

    @Argument(index = 0, name = "file", required = true, description = "The config.yaml to import")
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws IOException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            System.out.println("No such file: " + path);
            return null;
        }
        if (Files.size(path) > MAX_BYTES) {
            System.out.println(path + " is larger than " + MAX_BYTES + " bytes: not a configuration file");
            return null;
        }
        String yaml = Files.readString(path, StandardCharsets.UTF_8);
        long before = store.current().id();
        try {
            ConfigVersion v = store.importYaml(yaml, path.toString(), ShellAuthors.current());
            System.out.println(v.id() == before ? "Unchanged: version " + v.id() + " already holds this configuration"
                    : "Saved as version " + v.id());
        } catch (ConfigRejectedException e) {
            Problems.print(e, System.out);
        }
        return null;
    }
}
