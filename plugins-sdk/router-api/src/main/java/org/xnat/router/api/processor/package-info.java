/**
 * Dataset processors: tag scripts, de-identification and other per-destination changes to an instance, applied between the spool and the destination. A bundle offers a processor type by registering a {@link org.xnat.router.api.processor.DatasetProcessorFactory} service.
 */
@Export
@Version("1.0.0")
package org.xnat.router.api.processor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
