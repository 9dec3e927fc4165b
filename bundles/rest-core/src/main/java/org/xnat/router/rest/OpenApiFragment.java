package org.xnat.router.rest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: each bundle that adds resources to the {@code /api} application documents them with one of
 * these; rest-core merges every fragment into {@code /api/openapi.json} (OpenAPI 3.0), so the document always
 * describes exactly the bundles installed, third-party ones included.
 */
@ConsumerType
public interface OpenApiFragment {

    /**
     * A JSON object with the OpenAPI keys this bundle contributes: {@code "paths"} (keys relative to
     * {@code /api}, e.g. {@code "/routes/{aeTitle}"}), optionally {@code "components": {"schemas": {...}}}
     * and {@code "tags"}. Schema names must be unique across bundles (prefix them when in doubt).
     */
    String json();
}
