package org.xnat.router.rest.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xnat.router.rest.admin.internal.Requests.ADMIN;
import static org.xnat.router.rest.admin.internal.Requests.body;
import static org.xnat.router.rest.admin.internal.Requests.call;
import static org.xnat.router.rest.admin.internal.Requests.json;
import static org.xnat.router.rest.admin.internal.Requests.list;
import static org.xnat.router.rest.admin.internal.Requests.problems;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.Role;
import org.xnat.router.routing.RoutingStatus;

/**
 * Routes and destinations through the resources, on the real config store and PostgreSQL: the happy paths, each kind
 * of invalid change refused with its field and nothing saved, optimistic concurrency, secrets, references.
 */
class RoutesAndDestinationsTest extends StoreFixture {

    @TempDir
    Path dir;

    private RoutesResource routes;
    private DestinationsResource destinations;
    private final List<String> audited = new ArrayList<>();
    private final List<String> echoed = new ArrayList<>();

    /** The engine's view: ROUTER listens, everything else is unknown; echo answers UP for "store". */
    private final RoutingStatus routing = new RoutingStatus() {
        @Override
        public List<RouteStatus> routes() {
            return List.of(new RouteStatus("ROUTER", 11112, true, true, "", List.of("store")));
        }

        @Override
        public List<DestinationStatus> destinations() {
            return List.of(new DestinationStatus("store", "file", "instance", true, "", 3, 1, 2));
        }

        @Override
        public HealthReport echo(String destination) {
            echoed.add(destination);
            if (!destination.equals("store")) {
                throw new IllegalArgumentException("no destination " + destination);
            }
            return HealthReport.up("directory writable");
        }
    };

    private final AuditLog audit = new AuditLog() {
        @Override
        public void record(String actor, String action, String targetType, String targetId, String remoteAddress,
                Map<String, ?> detail) {
            audited.add(actor + " " + action + " " + targetType + ":" + targetId);
        }

        @Override
        public void record(Caller caller, String action, String targetType, String targetId, Map<String, ?> detail) {
            record(caller.name(), action, targetType, targetId, caller.remoteAddress(), detail);
        }
    };

    @BeforeEach
    void setUp() {
        routes = new RoutesResource(store, routing);
        destinations = new DestinationsResource(store, routing, audit);
        Response r = call(() -> destinations.create(json("{'name': 'store', 'type': 'file', 'path': '"
                + dir.resolve("out") + "'}"), null, null, ADMIN));
        assertThat(r.getStatus()).isEqualTo(201);
        r = call(() -> routes.create(json("{'ae_title': 'ROUTER', 'port': 11112, 'destinations': ['store']}"), "\"1\"",
                "first route", ADMIN));
        assertThat(r.getStatus()).as("%s", r.getEntity()).isEqualTo(201);
        assertThat(r.getEntityTag().getValue()).isEqualTo("2");
        assertThat(store.current().comment()).isEqualTo("first route");
        assertThat(store.current().author().name()).isEqualTo("test-admin");
    }

    @Test
    void listsRoutesWithLiveStatus() {
        Response r = routes.list();
        assertThat(r.getEntityTag().getValue()).isEqualTo("2");
        Map<String, Object> route = list(r).get(0);
        assertThat(route).containsEntry("ae_title", "ROUTER").containsEntry("port", 11112);
        assertThat(route.get("status")).isEqualTo(Map.of("listening", true, "problem", ""));

        Map<String, Object> without = body(new RoutesResource(store, null).get("router"));
        assertThat(without.get("status")).isEqualTo(Map.of("listening", false, "problem", "the routing engine is not running"));
    }

    @Test
    void invalidRoutesAreRefusedWithTheirFieldAndNothingIsSaved() {
        long before = store.current().id();
        assertRefused(() -> routes.create(json("{'ae_title': 'R2', 'port': 11113, 'destinations': ['nowhere']}"),
                null, null, ADMIN), "routes[1].destinations[0].destination", "nowhere");
        assertRefused(() -> routes.create(json("{'ae_title': 'R2', 'port': 11112, 'destinations': ['store']}"),
                null, null, ADMIN), "routes[1].port", "");
        assertRefused(() -> routes.create(json("{'ae_title': 'ABCDEFGHIJKLMNOPQ', 'port': 11113}"), null, null, ADMIN),
                "routes[1].ae_title", "16");
        assertRefused(() -> routes.create(json("{'ae_title': 'R2', 'port': 11113, 'destinations': ['store'],"
                + " 'filters': [{'tag': 'Modality', 'operator': 'matches', 'value': '(CT'}]}"), null, null, ADMIN),
                "routes[1].filters[0].value", "");
        assertRefused(() -> routes.create(json("{'ae_title': 'R2', 'destinations': ['store']}"), null, null, ADMIN),
                "routes[1].port", "");
        assertRefused(() -> routes.create(json("{'port': 11113}"), null, null, ADMIN), "ae_title", "required");
        assertRefused(() -> routes.create(json("{'ae_title': 'router', 'port': 11113}"), null, null, ADMIN),
                "ae_title", "exists");
        assertRefused(() -> routes.create(json("[1, 2]"), null, null, ADMIN), null, "object");
        assertThat(store.current().id()).isEqualTo(before);
    }

    @Test
    void changesFollowIfMatch() {
        Response stale = call(() -> routes.disable("ROUTER", "\"1\"", null, ADMIN));
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(body(stale).get("error").toString()).contains("no longer current");
        Response bad = call(() -> routes.disable("ROUTER", "\"v2\"", null, ADMIN));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(problems(bad).get(0)).containsEntry("field", "If-Match");

        Response ok = call(() -> routes.disable("ROUTER", "W/\"2\"", null, ADMIN));
        assertThat(ok.getStatus()).isEqualTo(200);
        assertThat(body(ok)).containsEntry("enabled", false);
        assertThat(ok.getEntityTag().getValue()).isEqualTo("3");
        assertThat(call(() -> routes.enable("ROUTER", "3", null, ADMIN)).getStatus()).isEqualTo(200);
        assertThat(store.current().config().routes().get(0).enabled()).isTrue();
    }

    @Test
    void replaceRenameAndDeleteRoutes() {
        Response put = call(() -> routes.replace("ROUTER", json("{'ae_title': 'ROUTER2', 'port': 11200, 'study_timeout_seconds': 5,"
                + " 'destinations': [{'destination': 'store', 'priority': 1}]}"), null, null, ADMIN));
        assertThat(put.getStatus()).as("%s", put.getEntity()).isEqualTo(200);
        assertThat(store.current().config().routes().get(0).aeTitle()).isEqualTo("ROUTER2");
        assertThat(store.current().config().routes().get(0).port()).isEqualTo(11200);
        assertThat(call(() -> routes.get("ROUTER")).getStatus()).isEqualTo(404);
        assertThat(call(() -> routes.delete("NOPE", null, null, ADMIN)).getStatus()).isEqualTo(404);
        Response del = call(() -> routes.delete("router2", null, null, ADMIN));
        assertThat(del.getStatus()).isEqualTo(204);
        assertThat(store.current().config().routes()).isEmpty();
    }

    @Test
    void secretsAreMaskedAndKeptWhenTheMaskComesBack() {
        Response created = call(() -> destinations.create(json("{'name': 'xnat', 'type': 'xnat', 'url': 'https://xnat.example.org',"
                + " 'username': 'router', 'password': 's3cret-value'}"), null, null, ADMIN));
        assertThat(created.getStatus()).as("%s", created.getEntity()).isEqualTo(201);
        assertThat(body(created)).containsEntry("password", Secrets.MASK).containsEntry("username", "router");
        assertThat(created.getEntity().toString()).doesNotContain("s3cret-value");
        assertThat(list(destinations.list()).toString()).doesNotContain("s3cret-value");

        Response put = call(() -> destinations.replace("xnat", json("{'type': 'xnat', 'url': 'https://xnat2.example.org',"
                + " 'username': 'router', 'password': '********'}"), null, null, ADMIN));
        assertThat(put.getStatus()).as("%s", put.getEntity()).isEqualTo(200);
        assertThat(destination("xnat")).containsEntry("password", "s3cret-value").containsEntry("url", "https://xnat2.example.org");

        call(() -> destinations.replace("xnat", json("{'type': 'xnat', 'url': 'https://xnat2.example.org',"
                + " 'password': '${XNAT_PW}'}"), null, null, ADMIN));
        assertThat(body(destinations.get("xnat"))).containsEntry("password", "${XNAT_PW}");

        Response maskWithoutValue = call(() -> destinations.create(json("{'name': 'x2', 'type': 'xnat',"
                + " 'url': 'https://a.example.org', 'password': '********'}"), null, null, ADMIN));
        assertThat(maskWithoutValue.getStatus()).isEqualTo(400);
        assertThat(problems(maskWithoutValue).get(0)).containsEntry("field", "password");
    }

    @Test
    void destinationsInUseAreNotDeleted() {
        long before = store.current().id();
        Response r = call(() -> destinations.delete("store", null, null, ADMIN));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(body(r).get("error").toString()).contains("ROUTER");
        assertThat(store.current().id()).isEqualTo(before);
        Response bad = call(() -> destinations.create(json("{'name': 'bad name', 'type': 'file', 'path': '/tmp'}"), null, null, ADMIN));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(problems(bad).get(0)).containsEntry("field", "name");
        Response unknownKey = call(() -> destinations.create(json("{'name': 'd2', 'type': 'dicom', 'host': 'h'}"), null, null, ADMIN));
        assertThat(unknownKey.getStatus()).isEqualTo(400);
        assertThat(problems(unknownKey)).extracting(p -> p.get("field")).contains("destinations.d2.ae_title");

        call(() -> routes.delete("ROUTER", null, null, ADMIN));
        assertThat(call(() -> destinations.delete("store", null, null, ADMIN)).getStatus()).isEqualTo(204);
        assertThat(store.current().config().destinations()).isEmpty();
    }

    @Test
    void destinationStatusAndCheck() {
        Map<String, Object> d = body(destinations.get("store"));
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) d.get("status");
        assertThat(status).containsEntry("pending", 3L).containsEntry("in_progress", 1L).containsEntry("failed", 2L)
                .containsEntry("used_by", List.of("ROUTER"));

        Response check = call(() -> destinations.check("store", Requests.as("ops", Role.OPERATOR)));
        assertThat(check.getStatus()).isEqualTo(200);
        assertThat(body(check)).containsEntry("status", "UP").containsEntry("detail", "directory writable")
                .containsKey("elapsed_ms");
        assertThat(audited).containsExactly("ops destination.check destination:store");
        assertThat(call(() -> destinations.check("nope", ADMIN)).getStatus()).isEqualTo(404);
        assertThat(echoed).containsExactly("store");
    }

    private Map<String, Object> destination(String name) {
        ConfigVersion v = store.current();
        return ConfigEditor.asMap(ConfigEditor.read(v.document(), "destinations").get(name));
    }

    private static void assertRefused(java.util.function.Supplier<Response> call, String field, String messagePart) {
        Response r = call(call);
        assertThat(r.getStatus()).as("%s", r.getEntity()).isEqualTo(400);
        if (field != null) {
            assertThat(problems(r)).as("%s", r.getEntity())
                    .anySatisfy(p -> {
                        assertThat(p.get("field")).isEqualTo(field);
                        assertThat(p.get("message").toString()).contains(messagePart);
                    });
        } else {
            assertThat(body(r).get("error").toString()).contains(messagePart);
        }
    }
}
