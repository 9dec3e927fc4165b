package org.xnat.router.importer.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How imports run.
 *
 * @param maxConcurrentJobs jobs running at the same time; more wait in line
 * @param maxQueuedJobs jobs waiting at most; beyond, new jobs are refused
 * @param keptJobs finished jobs kept in memory
 * @param maxErrors errors listed per job
 * @param maxFiles files one job may take
 * @param allowedRoots directories imports may read from (real paths); empty: any readable directory
 * @param excluded directories never read (the router's data directory with its spool)
 * @param scanTimeout how long a synchronous scan (preview) may take
 */
record ImportSettings(int maxConcurrentJobs, int maxQueuedJobs, int keptJobs, int maxErrors, long maxFiles,
        List<Path> allowedRoots, List<Path> excluded, Duration scanTimeout) {

    ImportSettings {
        allowedRoots = List.copyOf(allowedRoots);
        excluded = List.copyOf(excluded);
    }

    static ImportSettings defaults(List<Path> excluded) {
        return new ImportSettings(2, 20, 100, 50, 1_000_000, List.of(), excluded, Duration.ofSeconds(120));
    }
}
