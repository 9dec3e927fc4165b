package org.xnat.router.storage.internal;

import org.junit.jupiter.api.Test;
import org.xnat.router.testing.OpenApiCheck;

class StorageOpenApiTest {

    @Test
    void fragmentDocumentsEveryStorageOperation() {
        OpenApiCheck.assertDocuments(new StorageOpenApi().json(), StorageResource.class);
    }
}
