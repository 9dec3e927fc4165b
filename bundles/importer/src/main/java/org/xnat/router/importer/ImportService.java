package org.xnat.router.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Scans directories and runs import jobs; jobs run in the background, one file at a time per job. */
@ProviderType
public interface ImportService {

    /**
     * Starts a job. With {@link ImportRequest#dryRun()} the job only scans (files are classified and the
     * preview filled) and ingests nothing.
     *
     * @throws IllegalArgumentException the directory does not exist or is not readable, or the route is unknown
     */
    ImportJob start(ImportRequest request);

    /** Scans synchronously without ingesting (the preview of a dry run). */
    ImportJob scan(Path directory, boolean recursive);

    /** A job by id (running or finished, while kept). */
    Optional<ImportJob> job(String id);

    /** Jobs, newest first. */
    List<ImportJob> jobs();

    /** Asks a running job to stop after the current file; returns false if the job is unknown or finished. */
    boolean cancel(String id);
}
