package org.xnat.router.rest.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeyCodecTest {

    private final ApiKeyCodec codec = new ApiKeyCodec(1000);

    @Test
    void generatedKeysHaveTheFormAndAre256BitsOfSecret() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String key = codec.generate();
            assertThat(key).matches("rtr_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}");
            assertThat(ApiKeyCodec.formProblem(key)).isNull();
            assertThat(ApiKeyCodec.prefix(key)).hasSize(12).startsWith("rtr_");
            assertThat(seen.add(key)).isTrue();
        }
        // 43 base62 characters hold at least 256 bits
        assertThat(43 * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(256.0);
    }

    @Test
    void aHashVerifiesOnlyItsOwnKeyAndNeverContainsIt() {
        String key = codec.generate();
        String hash = codec.hash(key);
        assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain(key).doesNotContain(key.substring(13));
        assertThat(codec.verify(key, hash)).isTrue();
        // second time from the in-memory cache: same answers
        assertThat(codec.verify(key, hash)).isTrue();
        String other = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
        assertThat(codec.verify(other, hash)).isFalse();
        assertThat(new ApiKeyCodec(1000).verify(other, hash)).isFalse();
        assertThat(new ApiKeyCodec(1000).verify(key, hash)).isTrue();
    }

    @Test
    void saltsDiffer() {
        String key = codec.generate();
        assertThat(codec.hash(key)).isNotEqualTo(codec.hash(key));
    }

    @Test
    void malformedStoredHashesNeverVerify() {
        String key = codec.generate();
        assertThat(codec.verify(key, "")).isFalse();
        assertThat(codec.verify(key, "sha1$1000$abc$def")).isFalse();
        assertThat(codec.verify(key, "pbkdf2-sha256$x$abc$def")).isFalse();
        assertThat(codec.verify(key, "pbkdf2-sha256$1000$!!$def")).isFalse();
    }

    @Test
    void formOfPresentedKeys() {
        assertThat(ApiKeyCodec.formProblem(null)).contains("at least 20");
        assertThat(ApiKeyCodec.formProblem("short")).contains("at least 20");
        assertThat(ApiKeyCodec.formProblem("x".repeat(257))).contains("at most 256");
        assertThat(ApiKeyCodec.formProblem("rtr_with space_0123456789")).contains("visible ASCII");
        assertThat(ApiKeyCodec.formProblem("rtr_it_admin_0123456789abcdef0123456789")).isNull();
    }
}
