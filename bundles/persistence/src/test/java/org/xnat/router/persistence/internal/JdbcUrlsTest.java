package org.xnat.router.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void redactsPasswordParameters() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?user=a&password=top&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?PASSWORD=top")).isEqualTo("jdbc:postgresql://h/db?PASSWORD=***");
    }

    @Test
    void targetFillsInTheDefaultPort() {
        assertThat(JdbcUrls.target("jdbc:postgresql://db.example/router")).isEqualTo("db.example:5432");
        assertThat(JdbcUrls.target("jdbc:postgresql://db.example:6000/router?x=1")).isEqualTo("db.example:6000");
        assertThat(JdbcUrls.target("jdbc:postgresql://a:1,b/router")).isEqualTo("a:1,b:5432");
        assertThat(JdbcUrls.target("jdbc:postgresql://[::1]:7000/r")).isEqualTo("[::1]:7000");
        assertThat(JdbcUrls.target("jdbc:postgresql:router")).isEqualTo("localhost:5432");
    }
}
