package org.xnat.router.rest.core.internal.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks rest-core's own resources that need no key ({@code /api/health}, {@code /api/openapi.json},
 * {@code /api/docs}). Internal on purpose: other bundles cannot open endpoints. Decided on the matched resource
 * class, not on the request path, so no spelling of a path can reach a protected resource as a public one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublicResource {
}
