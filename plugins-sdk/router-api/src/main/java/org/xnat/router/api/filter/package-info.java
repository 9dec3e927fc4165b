/**
 * Route filters: decide, from an instance's header, whether a route takes it and which destinations get it. A bundle offers a filter type by registering a {@link org.xnat.router.api.filter.RouteFilterFactory} service.
 */
@Export
@Version("1.0.0")
package org.xnat.router.api.filter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
