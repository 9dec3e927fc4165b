package org.xnat.router.routing;

import java.io.InputStream;

import org.osgi.annotation.versioning.ProviderType;
import org.xnat.router.api.filter.RouteContext;

/**
 * The one way instances enter the router (network, import, upload, pull). An instance is written durably to
 * the spool and recorded, with the routing decision, in PostgreSQL before these methods return: a normal
 * return means the router has taken responsibility for it. Safe to call from many threads.
 */
@ProviderType
public interface Ingest {

    /**
     * Ingests a DICOM Part 10 stream (preamble, File Meta Information, data set), stored byte-exact.
     *
     * @param context the route ({@link RouteContext#routeAeTitle()}) and where the instance came from
     * @throws IngestException when the instance was not taken; {@link IngestException#reason()} says why
     */
    IngestResult ingest(InputStream part10, RouteContext context) throws IngestException;

    /**
     * Ingests a bare data set as received over the network, encoded in {@code transferSyntaxUid}; the router
     * adds File Meta Information and keeps the data set bytes unchanged.
     */
    IngestResult ingest(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, InputStream dataset,
            RouteContext context) throws IngestException;
}
