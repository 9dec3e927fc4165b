package org.xnat.router.rest.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xnat.router.testing.OpenApiCheck;

/** The fragment documents exactly the operations and parameters the resources have. */
class AdminOpenApiTest {

    @Test
    void fragmentMatchesTheResources() {
        String json = new AdminOpenApi().json();
        assertThat(json).contains("\"/routes/{aeTitle}\"");
        OpenApiCheck.assertDocuments(json, RoutesResource.class, DestinationsResource.class, BrokersResource.class,
                ScriptsResource.class, SettingsResource.class, ConfigVersionsResource.class);
    }
}
