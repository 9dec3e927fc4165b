/**
 * The router's configuration as PostgreSQL keeps it: one JSON document per version, in the shape of
 * {@code config.yaml} (top-level keys {@code destinations}, {@code routes}, {@code honest_brokers},
 * {@code scripts}, {@code resilience}, {@code settings}; destination types as a {@code type} key;
 * {@code ${ENV_VAR}} references kept unresolved so secrets never reach the database).
 *
 * <p>{@link org.xnat.router.configstore.ConfigStore} reads, validates, saves, diffs and rolls back versions;
 * {@link org.xnat.router.configstore.ConfigListener} services are told about the current version at once and
 * after every change, whichever router instance sharing the database made it.
 */
@Export
@Version("1.0.0")
package org.xnat.router.configstore;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
