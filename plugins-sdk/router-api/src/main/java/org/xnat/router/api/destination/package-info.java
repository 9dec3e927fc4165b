/**
 * Destinations: where routed studies go. A bundle offers a destination type by registering a {@link org.xnat.router.api.destination.DestinationFactory} service; the router creates one {@link org.xnat.router.api.destination.Destination} per configured destination of that type and hands it deliveries from its durable queue.
 */
@Export
@Version("1.0.0")
package org.xnat.router.api.destination;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
