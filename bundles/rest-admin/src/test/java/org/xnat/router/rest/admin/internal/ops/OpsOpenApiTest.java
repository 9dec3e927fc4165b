package org.xnat.router.rest.admin.internal.ops;

import org.junit.jupiter.api.Test;
import org.xnat.router.testing.OpenApiCheck;

class OpsOpenApiTest {

    @Test
    void theFragmentDocumentsExactlyTheOperationsResources() {
        OpenApiCheck.assertDocuments(new OpsOpenApiFragment().json(), TransfersResource.class, LogsResource.class,
                SystemResource.class);
    }
}
