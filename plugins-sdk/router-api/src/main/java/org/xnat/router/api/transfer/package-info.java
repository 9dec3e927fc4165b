/**
 * Transfer events: what the router reports as studies move through it, for listeners such as notifications, metrics or audit.
 */
@Export
@Version("1.0.0")
package org.xnat.router.api.transfer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
