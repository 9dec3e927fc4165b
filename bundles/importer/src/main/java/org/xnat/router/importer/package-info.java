/**
 * Import of DICOM files from disk through the same durable path as network stores (spool, rules,
 * destinations, tracking): {@link org.xnat.router.importer.ImportService} scans a directory into a preview
 * grouped by study, then runs an import job with live progress. Used by {@code router:import}, the REST
 * import jobs and the storage (uploads) bundle.
 */
@Export
@Version("1.1.0")
package org.xnat.router.importer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
