package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PS3.5 Table 6.2-1, VR AE. */
class AeTitlesTest {

    @Test
    void validTitles() {
        assertThat(AeTitles.problem("ROUTER")).isNull();
        assertThat(AeTitles.problem("SIXTEEN_CHARS_AE")).isNull();
        assertThat(AeTitles.problem("  WS 3  ")).isNull();
        assertThat(AeTitles.problem("a-b.c_d")).isNull();
    }

    @Test
    void invalidTitles() {
        assertThat(AeTitles.problem("   ")).isEqualTo("must not be empty");
        assertThat(AeTitles.problem("SEVENTEEN_CHARS_A")).startsWith("must be at most 16 characters");
        assertThat(AeTitles.problem("A\\B")).isEqualTo("must not contain a backslash");
        assertThat(AeTitles.problem("A\nB")).isEqualTo("must not contain control characters");
        assertThat(AeTitles.problem("A\u001bB")).isEqualTo("must not contain control characters");
        assertThat(AeTitles.problem("CAF\u00c9")).startsWith("must use only ASCII");
    }
}
