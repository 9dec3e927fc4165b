package org.xnat.router.configstore.internal;

import java.util.Map;

/** A stored document as config.yaml text, for the shell commands. */
public final class DocumentYaml {

    private DocumentYaml() {
    }

    public static String toYaml(Map<String, Object> document) {
        return Documents.toYaml(document);
    }
}
