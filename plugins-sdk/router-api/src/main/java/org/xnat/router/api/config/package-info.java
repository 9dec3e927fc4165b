/**
 * Configuration handed to plugin factories, and the field-level errors they report.
 */
@Export
@Version("1.0.0")
package org.xnat.router.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
