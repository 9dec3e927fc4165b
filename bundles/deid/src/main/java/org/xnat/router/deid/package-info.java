/**
 * De-identification services other bundles call: {@link org.xnat.router.deid.DeidTester} checks a DicomEdit
 * script and runs a processor configuration on one instance without forwarding it, returning the per-tag
 * changes (for the admin API's test harness), also a whole {@link org.xnat.router.deid.DeidChain} as a route destination
 * runs it; {@link org.xnat.router.deid.DeidTestSources} (offered by another bundle) finds route destinations' chains and
 * stored instances for it; {@link org.xnat.router.deid.Crosswalks} browses, searches, exports and
 * looks up the honest brokers' crosswalks without making mappings; {@link org.xnat.router.deid.ScriptCatalog} lists the
 * built-in scripts. The processors themselves are offered as
 * {@code DatasetProcessorFactory} services of types {@code ps315}, {@code dicomedit} and {@code honest-broker}.
 */
@Export
@Version("1.2.0")
package org.xnat.router.deid;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
