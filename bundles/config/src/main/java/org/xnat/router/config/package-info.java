/**
 * The router's configuration as read from {@code config.yaml} (the format of the XNAT DICOM Router it
 * replaces): immutable records for destinations, routes and their rules, and the {@link
 * org.xnat.router.config.ConfigFiles} service that reads and writes the file.
 */
@Export
@Version("1.1.0")
package org.xnat.router.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
