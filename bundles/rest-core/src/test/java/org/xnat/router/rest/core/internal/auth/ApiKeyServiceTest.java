package org.xnat.router.rest.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.rest.Role;
import org.xnat.router.testing.TestDatabase;

/** Against a real PostgreSQL with the router schema. */
class ApiKeyServiceTest {

    private static TestDatabase db;
    private ApiKeyService service;

    @BeforeAll
    static void startDatabase(@TempDir Path dir) throws Exception {
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void emptyKeys() throws Exception {
        db.execute("TRUNCATE api_keys RESTART IDENTITY");
        service = new ApiKeyService(db.dataSource(), 1000);
    }

    @Test
    void createdKeysAuthenticateAndAreStoredOnlyAsHashes() throws Exception {
        ApiKeyService.Created c = service.create("ci-bot", Role.OPERATOR, null, "tester");
        assertThat(c.secret()).startsWith("rtr_");
        assertThat(db.count("SELECT count(*) FROM api_keys WHERE key_hash LIKE '%' || ? || '%'", c.secret().substring(13)))
                .isZero();
        Optional<ApiKey> k = service.authenticate(c.secret());
        assertThat(k).isPresent();
        assertThat(k.get().name()).isEqualTo("ci-bot");
        assertThat(k.get().role()).isEqualTo(Role.OPERATOR);
        assertThat(service.authenticate(c.secret().substring(0, c.secret().length() - 1) + "X")).isEmpty();
        assertThat(service.authenticate("rtr_nothing_here_at_all_0000000")).isEmpty();
        assertThat(service.authenticate("short")).isEmpty();
    }

    @Test
    void lastUseIsRecordedButThrottled() throws Exception {
        ApiKeyService.Created c = service.create("user1", Role.VIEWER, null, "tester");
        assertThat(db.count("SELECT count(*) FROM api_keys WHERE last_used_at IS NOT NULL")).isZero();
        service.authenticate(c.secret());
        assertThat(db.count("SELECT count(*) FROM api_keys WHERE last_used_at IS NOT NULL")).isEqualTo(1);
        db.execute("UPDATE api_keys SET last_used_at = '2000-01-01T00:00:00Z'");
        service.authenticate(c.secret()); // within a minute of the last update by this instance: not written
        assertThat(db.count("SELECT count(*) FROM api_keys WHERE last_used_at < '2001-01-01'")).isEqualTo(1);
    }

    @Test
    void revokedAndExpiredKeysAreRefused() throws Exception {
        ApiKeyService.Created c = service.create("temp", Role.ADMIN, Instant.now().plus(Duration.ofDays(1)), "t");
        assertThat(service.authenticate(c.secret())).isPresent();
        db.execute("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = ?", c.key().id());
        assertThat(service.authenticate(c.secret())).isEmpty();
        ApiKeyService.Created d = service.create("other", Role.VIEWER, null, "t");
        ApiKeyService.Revoked r = service.revoke(d.key().id()).orElseThrow();
        assertThat(r.changed()).isTrue();
        assertThat(r.key().state(Instant.now())).isEqualTo("revoked");
        assertThat(service.authenticate(d.secret())).isEmpty();
        assertThat(service.revoke(d.key().id()).orElseThrow().changed()).isFalse();
        assertThat(service.revoke(9999)).isEmpty();
        // the name is free again once revoked
        assertThat(service.create("other", Role.VIEWER, null, "t").key().id()).isNotEqualTo(d.key().id());
    }

    @Test
    void namesAreValidatedAndUniqueAmongActiveKeys() throws Exception {
        service.create("dup", Role.VIEWER, null, "t");
        assertThatThrownBy(() -> service.create("dup", Role.ADMIN, null, "t"))
                .isInstanceOf(ApiKeyService.NameTakenException.class);
        assertThatThrownBy(() -> service.create("bad name", Role.ADMIN, null, "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.create("x", Role.ADMIN, Instant.now().minusSeconds(1), "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.create("x", null, null, "t")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bootstrapFromTheEnvironmentIsIdempotentAndReplacesAChangedKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin-api-key");
        String env = "rtr_env_admin_key_0123456789abcdef";
        service.bootstrap(env, file);
        service.bootstrap(env, file);
        assertThat(Files.exists(file)).isFalse();
        List<ApiKey> keys = service.list();
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo(ApiKeyService.BOOTSTRAP_NAME);
            assertThat(k.role()).isEqualTo(Role.ADMIN);
            assertThat(k.createdBy()).isEqualTo("ROUTER_ADMIN_KEY");
        });
        assertThat(service.authenticate(env)).isPresent();
        // same first 12 characters, different key: the old one is revoked, the new one works
        String changed = "rtr_env_admin_key_changed_999999";
        service.bootstrap(changed, file);
        assertThat(service.authenticate(env)).isEmpty();
        assertThat(service.authenticate(changed)).isPresent();
        assertThat(service.list()).hasSize(2);
        // a key of a bad form is ignored, the existing one stays
        service.bootstrap("too short", file);
        assertThat(service.authenticate(changed)).isPresent();
    }

    @Test
    void withoutEnvironmentAKeyIsGeneratedIntoAnOwnerOnlyFileOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/admin-api-key");
        service.bootstrap(null, file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String key = Files.readString(file).strip();
        assertThat(service.authenticate(key)).map(ApiKey::role).contains(Role.ADMIN);
        // an admin key exists now: a second start changes nothing
        service.bootstrap("", file);
        assertThat(Files.readString(file).strip()).isEqualTo(key);
        assertThat(service.list()).hasSize(1);
        // once ROUTER_ADMIN_KEY is set, it replaces the generated key, and the stale file goes
        service.bootstrap("rtr_env_admin_key_0123456789abcdef", file);
        assertThat(service.authenticate(key)).isEmpty();
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void anotherAdminKeyMeansNothingIsGenerated(@TempDir Path dir) throws Exception {
        service.create("ops-admin", Role.ADMIN, null, "t");
        Path file = dir.resolve("admin-api-key");
        service.bootstrap(null, file);
        assertThat(Files.exists(file)).isFalse();
        assertThat(service.list()).hasSize(1);
    }
}
