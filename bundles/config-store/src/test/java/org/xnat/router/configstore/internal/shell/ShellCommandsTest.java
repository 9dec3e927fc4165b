package org.xnat.router.configstore.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.internal.ShellFixture;

/** The router:config-* commands against a real store: import, history, show, diff, rollback, export. */
class ShellCommandsTest {

    @TempDir
    static Path dir;
    static ShellFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = ShellFixture.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aSessionOfCommands() throws Exception {
        ConfigStore store = fixture.store();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, ShellFixture.BASE);

        ConfigImportCommand imp = new ConfigImportCommand();
        imp.store = store;
        imp.file = file.toString();
        assertThat(run(imp)).contains("Saved as version 1");
        assertThat(run(imp)).contains("Unchanged: version 1");

        Files.writeString(file, ShellFixture.BASE.replace("11112", "11120"));
        assertThat(run(imp)).contains("Saved as version 2");

        Files.writeString(file, ShellFixture.BASE.replace("11112", "99999"));
        assertThat(run(imp)).contains("Not saved: 1 problem(s)", "routes[0].port:", "must be between 1 and 65535");

        ConfigHistoryCommand history = new ConfigHistoryCommand();
        history.store = store;
        String table = run(history);
        assertThat(table).contains("Version", "When", "Author", "Comment", "Changed", "shell:console",
                "routes[ROUTER].port", "destinations, routes");
        assertThat(table.indexOf("routes[ROUTER].port")).isLessThan(table.indexOf("destinations, routes"));

        ConfigDiffCommand diff = new ConfigDiffCommand();
        diff.store = store;
        diff.from = 1;
        diff.to = 2;
        assertThat(run(diff)).contains("replace", "/routes/0/port", "11112", "11120");

        ConfigShowCommand show = new ConfigShowCommand();
        show.store = store;
        show.id = 1L;
        assertThat(run(show)).contains("# version 1", "port: 11112");

        ConfigRollbackCommand rollback = new ConfigRollbackCommand();
        rollback.store = store;
        rollback.id = 1;
        assertThat(run(rollback)).contains("Saved as version 3 (the configuration of version 1)");
        rollback.id = 77;
        assertThat(run(rollback)).contains("no configuration version 77");

        ConfigExportCommand export = new ConfigExportCommand();
        export.store = store;
        export.file = dir.resolve("out.yaml").toString();
        assertThat(run(export)).contains("Written to");
        assertThat(Files.readString(dir.resolve("out.yaml"))).contains("version 3", "port: 11112");
        assertThat(store.current().document()).isEqualTo(store.version(1).orElseThrow().document());
        assertThat(Map.copyOf(store.current().document())).containsKeys("routes", "destinations");
    }

    private static String run(org.apache.karaf.shell.api.action.Action command) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
