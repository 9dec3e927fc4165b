/**
 * Health of the router's parts. Every capability that can be unhealthy (the database, a listener,
 * a destination) registers a {@link org.xnat.router.api.health.HealthIndicator} service; the REST
 * health endpoint and the admin UI aggregate all of them.
 */
@Export
@Version("1.0.0")
package org.xnat.router.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
