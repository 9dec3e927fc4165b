package org.xnat.router.rest.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;

/** Which keys hold secrets, how they are masked, and how a mask sent back finds the stored value. */
class SecretsTest {

    @Test
    void secretKeysByTheirWords() {
        assertThat(List.of("password", "db_password", "clientSecret", "api_token", "hash_key", "apiKey", "API-KEY",
                "uid_key", "credentials")).allMatch(Secrets::isSecretKey);
        assertThat(List.of("keyword", "monkey", "tokens_per_minute", "username", "description", "host", "passthrough"))
                .noneMatch(Secrets::isSecretKey);
    }

    @Test
    void masksDeepButKeepsReferencesAndEmptyValues() {
        Map<String, Object> doc = Map.of("a", Map.of("password", "x1", "nested", List.of(Map.of("token", 42))),
                "b", Map.of("password", "${PW}", "secret", "", "user", "u"));
        Object masked = Secrets.mask(doc);
        assertThat(masked.toString()).doesNotContain("x1").doesNotContain("42").contains("${PW}").contains("user=u");
        assertThat(Secrets.isEnvReference("${PW:-default}")).isTrue();
        assertThat(Secrets.isEnvReference("pre${PW}")).isFalse();
    }

    @Test
    void restoresTheStoredValueWhereTheMaskComesBack() {
        Map<String, Object> stored = Map.of("password", "old", "items", List.of(Map.of("token", "t0")));
        Map<String, Object> incoming = new LinkedHashMap<>();
        incoming.put("password", Secrets.MASK);
        List<Object> items = new ArrayList<>();
        items.add(new LinkedHashMap<>(Map.of("token", Secrets.MASK)));
        items.add(new LinkedHashMap<>(Map.of("token", "new")));
        incoming.put("items", items);
        Secrets.restore(incoming, stored, "");
        assertThat(incoming).containsEntry("password", "old");
        assertThat(items).containsExactly(Map.of("token", "t0"), Map.of("token", "new"));

        Map<String, Object> orphan = new LinkedHashMap<>(Map.of("items", new ArrayList<>(List.of(
                new LinkedHashMap<>(Map.of("a", 1)), new LinkedHashMap<>(Map.of("token", Secrets.MASK)))),
                "x", 1));
        assertThatThrownBy(() -> Secrets.restore(orphan, stored, "destinations.d"))
                .isInstanceOf(WebApplicationException.class).hasMessageContaining("destinations.d.items[1].token");
    }
}
