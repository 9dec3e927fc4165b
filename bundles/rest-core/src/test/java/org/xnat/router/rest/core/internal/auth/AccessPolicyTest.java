package org.xnat.router.rest.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;

class AccessPolicyTest {

    static class Plain {
        public void read() { }
        @RequiresRole(Role.OPERATOR)
        public void retry() { }
        @RequiresRole(Role.ADMIN)
        public void secretRead() { }
    }

    @RequiresRole(Role.ADMIN)
    static class AdminOnly {
        public void read() { }
        @RequiresRole(Role.VIEWER)
        public void open() { }
    }

    @Test
    void defaultsAreViewerForReadsAndAdminForTheRest() throws Exception {
        assertThat(AccessPolicy.required("GET", Plain.class, Plain.class.getMethod("read"))).isEqualTo(Role.VIEWER);
        assertThat(AccessPolicy.required("HEAD", Plain.class, Plain.class.getMethod("read"))).isEqualTo(Role.VIEWER);
        for (String m : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
            assertThat(AccessPolicy.required(m, Plain.class, Plain.class.getMethod("read"))).isEqualTo(Role.ADMIN);
        }
        assertThat(AccessPolicy.required(null, null, null)).isEqualTo(Role.ADMIN);
    }

    @Test
    void annotationsOverrideMethodFirst() throws Exception {
        assertThat(AccessPolicy.required("POST", Plain.class, Plain.class.getMethod("retry"))).isEqualTo(Role.OPERATOR);
        assertThat(AccessPolicy.required("GET", Plain.class, Plain.class.getMethod("secretRead"))).isEqualTo(Role.ADMIN);
        assertThat(AccessPolicy.required("GET", AdminOnly.class, AdminOnly.class.getMethod("read"))).isEqualTo(Role.ADMIN);
        assertThat(AccessPolicy.required("GET", AdminOnly.class, AdminOnly.class.getMethod("open"))).isEqualTo(Role.VIEWER);
    }

    @Test
    void rolesAllowWhatTheLowerOnesAllow() {
        assertThat(Role.ADMIN.allows(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.allows(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.allows(Role.OPERATOR)).isFalse();
        assertThat(Role.OPERATOR.allows(Role.ADMIN)).isFalse();
    }

    @Test
    void keysAreTakenFromEitherHeader() {
        assertThat(AuthenticationFilter.presentedKey("abc", null)).contains("abc");
        assertThat(AuthenticationFilter.presentedKey(" abc ", "Bearer other")).contains("abc");
        assertThat(AuthenticationFilter.presentedKey(null, "Bearer  k1 ")).contains("k1");
        assertThat(AuthenticationFilter.presentedKey(null, "bearer k2")).contains("k2");
        assertThat(AuthenticationFilter.presentedKey(null, "Basic dXNlcjpwdw==")).isEmpty();
        assertThat(AuthenticationFilter.presentedKey("", "Bearer ")).isEmpty();
        assertThat(AuthenticationFilter.presentedKey(null, null)).isEmpty();
    }
}
