package org.xnat.router.importer.internal.rest;

import org.junit.jupiter.api.Test;
import org.xnat.router.testing.OpenApiCheck;

/** The fragment documents exactly the operations and parameters of {@link ImportsResource}. */
class ImportsOpenApiTest {

    @Test
    void fragmentMatchesTheResource() {
        OpenApiCheck.assertDocuments(new ImportsOpenApi().json(), ImportsResource.class);
    }
}
