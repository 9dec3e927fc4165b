package org.xnat.router.importer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to import.
 *
 * @param directory the directory to read
 * @param routeAeTitle the route (by AE title) whose rules and destinations apply
 * @param recursive descend into sub-directories
 * @param move delete each source file once it is durably spooled (never before)
 * @param dryRun only scan and report
 * @param requestedBy who asked (audit): API key name, {@code shell:<user>}, {@code storage}
 */
public record ImportRequest(Path directory, String routeAeTitle, boolean recursive, boolean move, boolean dryRun,
        String requestedBy) {

    public ImportRequest {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(routeAeTitle, "routeAeTitle");
        requestedBy = requestedBy == null ? "" : requestedBy;
    }
}
