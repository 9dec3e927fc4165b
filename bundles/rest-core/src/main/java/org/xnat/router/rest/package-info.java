/**
 * What resource bundles of the {@code /api} application use for security: the {@link org.xnat.router.rest.Role}s
 * an API key may hold, {@link org.xnat.router.rest.RequiresRole} to mark what a resource method needs, the
 * authenticated {@link org.xnat.router.rest.Caller} (the {@code SecurityContext}'s principal), and the
 * {@link org.xnat.router.rest.AuditLog} every change is written to.
 *
 * <p>Default policy of the authentication filter: {@code GET}/{@code HEAD} need {@link org.xnat.router.rest.Role#VIEWER},
 * every other method needs {@link org.xnat.router.rest.Role#ADMIN}, unless the method (or its class) carries
 * {@link org.xnat.router.rest.RequiresRole}. {@code /api/health}, {@code /api/openapi.json} and {@code /api/docs}
 * need no key.
 */
@Export
@Version("1.0.0")
package org.xnat.router.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
