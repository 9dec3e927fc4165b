package org.xnat.router.configstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The JSON of the JSONB columns: what is written reads back equal, in order, with the same number types. */
class DocumentJsonTest {

    private final DocumentJson json = new DocumentJson();

    @Test
    void valuesRoundTripWithKeyOrderAndNumberTypes() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("zeta", 1);
        doc.put("alpha", 5_000_000_000L);
        doc.put("ratio", 0.25);
        doc.put("big", 1e21);
        doc.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 unicode é 😀 ${SECRET}");
        doc.put("flags", List.of(true, false));
        doc.put("nothing", null);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", new ArrayList<>(List.of(Map.of("a", "b"), List.of())));
        nested.put("empty", Map.of());
        doc.put("nested", nested);

        String text = json.write(doc);
        Map<String, Object> back = json.readMap(text);
        assertThat(back).isEqualTo(doc);
        assertThat(back.keySet()).containsExactly("zeta", "alpha", "ratio", "big", "text", "flags", "nothing", "nested");
        assertThat(back.get("zeta")).isInstanceOf(Integer.class);
        assertThat(back.get("alpha")).isInstanceOf(Long.class);
    }

    @Test
    void readsPostgresqlJsonbTextWithSpacesAndEscapes() {
        Object v = json.read(" [{\"op\": \"replace\", \"path\": \"/routes/0/port\", \"value\": 11120, \"x\": -1.5e2,"
                + " \"s\": \"a\\/b \\u00e9\"}] ");
        assertThat(v).isEqualTo(List.of(Map.of("op", "replace", "path", "/routes/0/port", "value", 11120,
                "x", -150.0, "s", "a/b é")));
    }

    @Test
    void brokenJsonIsAnErrorWithThePlace() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> json.read("{\"a\": [1, 2}"))
                .withMessageContaining("expected ']'").withMessageContaining("character 11");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> json.read("{\"a\": 1} x"));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> json.read("\"open"));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> json.read("[".repeat(200)))
                .withMessageContaining("nested too deeply");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> json.readMap("[]"));
    }
}
