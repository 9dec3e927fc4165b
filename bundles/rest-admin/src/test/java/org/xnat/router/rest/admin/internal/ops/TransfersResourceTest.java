package org.xnat.router.rest.admin.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.Test;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.Role;
import org.xnat.router.routing.TransferInstance;
import org.xnat.router.routing.TransferPage;
import org.xnat.router.routing.TransferQuery;
import org.xnat.router.routing.TransferSearch;
import org.xnat.router.routing.TransferSummary;
import org.xnat.router.routing.Transfers;

/**
 * Parameter handling, JSON shape, 404s and auditing of the transfers resource, over a recording
 * {@link Transfers} (the real engine behind it is covered by the routing tests and ApiSecurityIT).
 */
class TransfersResourceTest {

    private static final TransferSummary T7 = new TransferSummary(7, "1.2.3", "ROUTER", "SCU", "pacs", "FAILED", 3,
            300, 1, 2, Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:05:00Z"), 5, "refused");

    private final List<TransferSearch> searches = new ArrayList<>();
    private final List<String> audited = new ArrayList<>();

    private final Transfers transfers = new Transfers() {
        @Override public List<TransferSummary> list(TransferQuery query) { return List.of(T7); }
        @Override public TransferPage search(TransferSearch search) {
            searches.add(search);
            return new TransferPage(List.of(T7), 42);
        }
        @Override public Optional<TransferSummary> get(long id) { return id == 7 ? Optional.of(T7) : Optional.empty(); }
        @Override public List<TransferInstance> instances(long id, int limit) {
            List<TransferInstance> out = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, 3); i++) {
                out.add(new TransferInstance("1.2.3.4." + i, "1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", 100, "FAILED", 0xA700,
                        "refused", Instant.parse("2026-01-01T10:00:00Z")));
            }
            return out;
        }
        @Override public int retry(long id) { return 2; }
        @Override public int cancel(long id) { return 0; }
    };

    private final AuditLog audit = (actor, action, type, id, remote, detail) ->
            audited.add(actor + " " + action + " " + type + "/" + id + " " + remote + " " + detail);

    private final TransfersResource resource = new TransfersResource(transfers, audit);

    private static SecurityContext as(Caller caller) {
        return new SecurityContext() {
            @Override public Principal getUserPrincipal() { return caller; }
            @Override public boolean isUserInRole(String role) { return false; }
            @Override public boolean isSecure() { return false; }
            @Override public String getAuthenticationScheme() { return "API-Key"; }
        };
    }

    private static int status(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (WebApplicationException e) {
            return e.getResponse().getStatus();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void listPassesFiltersAndAnswersAPageWithTheTotal() {
        Map<String, Object> page = resource.list("failed", "ROUTER", "pacs", "1.2.3", "2026-01-01T00:00:00Z",
                "2026-01-02T00:00:00Z", "10", "20");
        assertThat(page).containsEntry("total", 42L).containsEntry("limit", 10).containsEntry("offset", 20);
        Map<String, Object> item = ((List<Map<String, Object>>) page.get("items")).get(0);
        assertThat(item).containsEntry("id", 7L).containsEntry("status", "FAILED")
                .containsEntry("startedAt", "2026-01-01T10:00:00Z").containsEntry("lastError", "refused");
        TransferSearch s = searches.get(0);
        assertThat(s.status()).isEqualTo("failed");
        assertThat(s.startedFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        resource.list(null, null, null, null, null, null, null, null);
        assertThat(searches.get(1).limit()).isEqualTo(TransfersResource.DEFAULT_LIMIT);
    }

    @Test
    void listRefusesBadParameters() {
        assertThat(status(() -> resource.list("lost", null, null, null, null, null, null, null))).isEqualTo(400);
        assertThat(status(() -> resource.list(null, null, null, null, "yesterday", null, null, null))).isEqualTo(400);
        assertThat(status(() -> resource.list(null, null, null, null, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z",
                null, null))).isEqualTo(400);
        assertThat(status(() -> resource.list(null, null, null, null, null, null, "0", null))).isEqualTo(400);
        assertThat(status(() -> resource.list(null, null, null, null, null, null, "1001", null))).isEqualTo(400);
        assertThat(status(() -> resource.list(null, null, null, null, null, null, null, "-1"))).isEqualTo(400);
        assertThat(status(() -> resource.list(null, "X".repeat(17), null, null, null, null, null, null))).isEqualTo(400);
        assertThat(searches).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void detailHasInstancesCappedAndUnknownIdsAre404() {
        Map<String, Object> t = resource.get("7", "2");
        assertThat((List<Map<String, Object>>) t.get("instances")).hasSize(2)
                .first().satisfies(i -> assertThat(i).containsEntry("dimseStatus", 0xA700));
        assertThat(t.get("instancesTruncated")).isEqualTo(true);
        assertThat(resource.get("7", null).get("instancesTruncated")).isEqualTo(false);
        assertThat(status(() -> resource.get("8", null))).isEqualTo(404);
        assertThat(status(() -> resource.get("seven", null))).isEqualTo(400);
        assertThat(status(() -> resource.get("7", "10001"))).isEqualTo(400);
    }

    @Test
    void retryAndCancelAreAuditedWithTheCaller() {
        Caller op = new Caller("ops", Role.OPERATOR, "10.0.0.5");
        Map<String, Object> r = resource.retry("7", as(op));
        assertThat(r).containsEntry("requeued", 2);
        Map<String, Object> c = resource.cancel("7", as(op));
        assertThat(c).containsEntry("cancelled", 0);
        assertThat(audited).containsExactly("ops transfer.retry transfer/7 10.0.0.5 {requeued=2}",
                "ops transfer.cancel transfer/7 10.0.0.5 {cancelled=0}");
        assertThat(status(() -> resource.retry("99", as(op)))).isEqualTo(404);
        assertThat(status(() -> resource.cancel("x", as(op)))).isEqualTo(400);
        assertThat(audited).hasSize(2);
    }
}
