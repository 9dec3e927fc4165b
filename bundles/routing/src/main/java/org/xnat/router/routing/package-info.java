/**
 * What other bundles call on the routing engine: {@link org.xnat.router.routing.Ingest} (the one entry
 * point for network, import and upload), {@link org.xnat.router.routing.Transfers} (tracking queries,
 * retry, cancel), {@link org.xnat.router.routing.RoutingStatus} (routes, destinations, echo) and
 * {@link org.xnat.router.routing.RouteProcessing} (what a route destination does to an instance, for test runs).
 */
@Export
@Version("1.2.0")
package org.xnat.router.routing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
