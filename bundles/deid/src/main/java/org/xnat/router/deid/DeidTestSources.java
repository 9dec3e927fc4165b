package org.xnat.router.deid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a test run finds what it tries, beyond a file or a processor configuration: the chain a route destination
 * applies and the instances the router holds. Offered by a bundle that sees the routing engine and the
 * configuration (the admin REST bundle); {@code router:deid-test --route/--sop} use it.
 *
 * @since 1.2
 */
@ConsumerType
public interface DeidTestSources {

    /**
     * The processing chain of a route destination in the current configuration: the route's tag modifications, then
     * its de-identification, exactly as a delivery runs them.
     *
     * @throws NoSuchElementException no such route, or no such destination
     * @throws IllegalStateException its de-identification settings cannot make processors now (the reason)
     */
    DeidChain routeChain(String routeAeTitle, String destination);

    /**
     * A received instance the router still holds, by SOP Instance UID: in the spool (waiting for or done with its
     * deliveries) or in the storage area of uploads.
     *
     * @return empty if none is held
     * @throws IllegalArgumentException the text is not a UID
     * @throws IOException the database or the disk cannot be read
     */
    Optional<StoredInstance> storedInstance(String sopInstanceUid) throws IOException;

    /**
     * @param source {@code spool} or {@code storage}
     * @param routeAeTitle the route it came in through
     * @param file the Part 10 file (read it, never change it)
     */
    record StoredInstance(String source, String routeAeTitle, Path file) {
    }
}
