package org.xnat.router.rest.core.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.rest.Role;
import org.xnat.router.rest.core.internal.auth.ApiKey;
import org.xnat.router.rest.core.internal.auth.ApiKeyService;

/** {@code router:api-keys list | create NAME --role R [--expires-days N] | revoke ID|NAME}. */
@Command(scope = "router", name = "api-keys", description = "Lists, creates and revokes REST API keys")
@Service
public class ApiKeysCommand implements Action {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Reference
    ApiKeyService keys;

    @Reference
    AuditLog audit;

    @Reference
    Session session;

    @Argument(index = 0, name = "action", description = "list, create or revoke", required = false)
    @Completion(value = StringsCompleter.class, values = {"list", "create", "revoke"})
    String action = "list";

    @Argument(index = 1, name = "key", description = "create: the new key's name; revoke: its id or name", required = false)
    String key;

    @Option(name = "--role", description = "create: admin, operator or viewer (default viewer)")
    @Completion(value = StringsCompleter.class, values = {"viewer", "operator", "admin"})
    String role = "viewer";

    @Option(name = "--expires-days", description = "create: the key stops working after this many days (default never)")
    int expiresDays;

    @Override
    public Object execute() throws Exception {
        switch (action) {
            case "list" -> list();
            case "create" -> create();
            case "revoke" -> revoke();
            default -> System.err.println("Unknown action '" + action + "': list, create or revoke");
        }
        return null;
    }

    private void list() throws Exception {
        ShellTable table = new ShellTable();
        table.column("ID").alignRight();
        table.column("Name");
        table.column("Role");
        table.column("State");
        table.column("Created");
        table.column("Created by");
        table.column("Expires");
        table.column("Last used");
        Instant now = Instant.now();
        for (ApiKey k : keys.list()) {
            table.addRow().addContent(k.id(), k.name(), k.role() == null ? "-" : k.role().id(), k.state(now),
                    time(k.createdAt()), k.createdBy() == null ? "" : k.createdBy(), time(k.expiresAt()),
                    time(k.lastUsedAt()));
        }
        table.print(System.out);
    }

    private void create() throws Exception {
        if (key == null) {
            System.err.println("Usage: router:api-keys create NAME --role viewer|operator|admin [--expires-days N]");
            return;
        }
        Role r;
        try {
            r = Role.parse(role);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return;
        }
        if (expiresDays < 0 || expiresDays > 3650) {
            System.err.println("--expires-days must be 1..3650");
            return;
        }
        Instant expires = expiresDays == 0 ? null : Instant.now().plus(Duration.ofDays(expiresDays));
        try {
            ApiKeyService.Created created = keys.create(key, r, expires, actor());
            audit.record(actor(), "api-key.create", "api-key", String.valueOf(created.key().id()), "",
                    Map.of("name", key, "role", r.id()));
            System.out.println("Created API key " + created.key().id() + " '" + key + "' (" + r.id() + ")."
                    + " It is shown only now:");
            System.out.println(created.secret());
        } catch (IllegalArgumentException | ApiKeyService.NameTakenException e) {
            System.err.println(e.getMessage());
        }
    }

    private void revoke() throws Exception {
        if (key == null) {
            System.err.println("Usage: router:api-keys revoke ID|NAME");
            return;
        }
        Optional<Long> id = idOf(key);
        if (id.isEmpty()) {
            System.err.println("No API key with id or active name '" + key + "'");
            return;
        }
        Optional<ApiKeyService.Revoked> revoked = keys.revoke(id.get());
        if (revoked.isEmpty()) {
            System.err.println("No API key with id " + id.get());
        } else if (!revoked.get().changed()) {
            System.out.println("API key " + id.get() + " '" + revoked.get().key().name() + "' was already revoked");
        } else {
            audit.record(actor(), "api-key.revoke", "api-key", String.valueOf(id.get()), "",
                    Map.of("name", revoked.get().key().name()));
            System.out.println("Revoked API key " + id.get() + " '" + revoked.get().key().name() + "'");
        }
    }

    private Optional<Long> idOf(String idOrName) throws Exception {
        if (idOrName.matches("\\d{1,18}")) {
            return Optional.of(Long.parseLong(idOrName));
        }
        return keys.findActive(idOrName).map(ApiKey::id);
    }

    private String actor() {
        Object user = session == null ? null : session.get("USER");
        return "shell:" + (user == null ? "unknown" : user);
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

}
