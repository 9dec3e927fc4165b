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
import org.xnat.router.configstore.ConfigStore;

@Command(scope = "router", name = "config-export",
        description = "Writes the current configuration as config.yaml (secrets stay ${ENV_VAR} references)")
@Service
public class ConfigExportCommand implements Action {

    @Reference
    ConfigStore store;

    @Argument(index = 0, name = "file", required = false, description = "Where to write it; printed when absent")
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws IOException {
        String yaml = store.exportYaml();
        if (file == null) {
            System.out.print(yaml);
            return null;
        }
        Path path = Path.of(file);
        Files.writeString(path, yaml, StandardCharsets.UTF_8);
        System.out.println("Written to " + path.toAbsolutePath());
        return null;
    }
}
