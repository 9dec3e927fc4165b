package org.xnat.router.deid.internal.dicomedit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The scripts shipped with the router (resources {@code scripts/NAME.das}), documented in docs/deidentification.md. */
public final class BuiltinScripts {

    public static final List<String> NAMES = List.of("hipaa_standard", "hipaa_broker", "minimal", "research_safe",
            "passthrough");
    /** What {@code anonymize: true} without a script means. */
    public static final String DEFAULT = "hipaa_standard";

    private BuiltinScripts() {
    }

    /** The text of a built-in script, or {@code null} if there is none of that name. */
    public static String text(String name) {
        if (!NAMES.contains(name)) {
            return null;
        }
        try (InputStream in = BuiltinScripts.class.getResourceAsStream("scripts/" + name + ".das")) {
            if (in == null) {
                throw new IllegalStateException("built-in script " + name + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in script " + name, e);
        }
    }
}
