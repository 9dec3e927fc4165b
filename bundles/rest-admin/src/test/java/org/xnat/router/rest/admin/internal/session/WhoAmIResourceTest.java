package org.xnat.router.rest.admin.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.util.Map;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.Test;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.Role;
import org.xnat.router.testing.OpenApiCheck;

class WhoAmIResourceTest {

    static SecurityContext as(Principal p) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return p;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "API-Key";
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersTheCallersNameAndRole() {
        Response r = new WhoAmIResource().whoami(as(new Caller("ops-team", Role.OPERATOR, "127.0.0.1")));
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat((Map<String, Object>) r.getEntity()).containsEntry("name", "ops-team").containsEntry("role", "operator")
                .containsEntry("can_operate", true).containsEntry("can_admin", false);
        Map<String, Object> viewer = (Map<String, Object>) new WhoAmIResource()
                .whoami(as(new Caller("v", Role.VIEWER, ""))).getEntity();
        assertThat(viewer).containsEntry("role", "viewer").containsEntry("can_operate", false);
    }

    @Test
    void withoutAnAuthenticatedCallerItIs401() {
        assertThat(new WhoAmIResource().whoami(as(null)).getStatus()).isEqualTo(401);
        assertThat(new WhoAmIResource().whoami(as(() -> "someone")).getStatus()).isEqualTo(401);
    }

    @Test
    void fragmentDocumentsTheResource() {
        OpenApiCheck.assertDocuments(SessionOpenApi.load(), WhoAmIResource.class);
    }
}
