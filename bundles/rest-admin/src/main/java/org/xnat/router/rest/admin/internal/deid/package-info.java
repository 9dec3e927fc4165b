/**
 * {@code POST /api/deid/test}, the de-identification test harness: a processor configuration or a route
 * destination's whole chain tried on a sample, a stored or an uploaded instance, answering the per-tag changes;
 * and {@link org.xnat.router.deid.DeidTestSources} for {@code router:deid-test} (implementation; nothing exported).
 */
package org.xnat.router.rest.admin.internal.deid;
