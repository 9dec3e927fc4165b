package org.xnat.router.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final Placeholders placeholders = new Placeholders(Map.of("A", "x$1\\y", "HOME_DIR", "/home/r")::get,
            Map.of("karaf.data", "/data", "A", "from-property")::get);

    @Test
    void environmentWinsOverSystemPropertiesAndValuesAreTakenLiterally() {
        assertThat(placeholders.resolve("k", "${A}")).isEqualTo("x$1\\y");
        assertThat(placeholders.resolve("k", "${karaf.data}/pg and ${env:HOME_DIR}")).isEqualTo("/data/pg and /home/r");
    }

    @Test
    void envPrefixReadsOnlyTheEnvironment() {
        assertThat(new Placeholders(k -> null, Map.of("X", "p")::get).resolve("k", "${X}")).isEqualTo("p");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Placeholders(k -> null, Map.of("X", "p")::get).resolve("k", "${env:X}"))
                .isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void textWithoutReferencesAndNullStayAsTheyAre() {
        assertThat(placeholders.resolve("k", "plain $ {A} $A")).isEqualTo("plain $ {A} $A");
        assertThat(placeholders.resolve("k", null)).isEmpty();
    }
}
