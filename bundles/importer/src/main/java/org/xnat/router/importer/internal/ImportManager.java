package org.xnat.router.importer.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.importer.ImportJob;
import org.xnat.router.importer.ImportJob.State;
import org.xnat.router.importer.ImportRequest;
import org.xnat.router.importer.ImportService;
import org.xnat.router.routing.Ingest;
import org.xnat.router.routing.RoutingStatus;

/**
 * The import service without OSGi: validates requests, runs jobs on a bounded pool, keeps the last finished
 * ones and hands each finished job to the audit.
 */
public final class ImportManager implements ImportService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportManager.class);

    private final RoutingStatus routes;
    private final ImportSettings settings;
    private final JobRunner runner;
    private final JobAudit audit;
    private final ThreadPoolExecutor pool;
    /** Every job known, oldest first; finished ones beyond {@code keptJobs} are dropped. */
    private final Map<String, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>());

    ImportManager(Ingest ingest, RoutingStatus routes, ImportSettings settings, JobAudit audit) {
        this.routes = routes;
        this.settings = settings;
        this.audit = audit;
        this.runner = new JobRunner(ingest, new FileScanner(settings.excluded(), settings.maxFiles()));
        AtomicInteger threads = new AtomicInteger();
        int n = Math.max(1, settings.maxConcurrentJobs());
        this.pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(Math.max(1, settings.maxQueuedJobs())), r -> {
                    Thread t = new Thread(r, "router-import-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public ImportJob start(ImportRequest request) {
        Path dir = checkDirectory(request.directory());
        String route = checkRoute(request.routeAeTitle());
        ImportRequest req = new ImportRequest(dir, route, request.recursive(), request.move(), request.dryRun(),
                request.requestedBy());
        Job job = new Job(UUID.randomUUID().toString(), req, settings.maxErrors());
        jobs.put(job.id(), job);
        try {
            pool.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id());
            throw new IllegalStateException("too many import jobs waiting (" + settings.maxQueuedJobs()
                    + "); try again when some have finished");
        }
        LOG.info("Import {} started by '{}': {} -> route {}{}{}{}", job.id(), req.requestedBy(), dir, route,
                req.recursive() ? ", recursive" : "", req.move() ? ", move" : "", req.dryRun() ? ", dry run" : "");
        return job.snapshot();
    }

    @Override
    public ImportJob scan(Path directory, boolean recursive) {
        Path dir = checkDirectory(directory);
        Job job = new Job(UUID.randomUUID().toString(), new ImportRequest(dir, "", recursive, false, true, ""),
                settings.maxErrors());
        long deadline = System.nanoTime() + settings.scanTimeout().toNanos();
        State end = runner.run(job, () -> System.nanoTime() > deadline);
        if (end == State.CANCELLED) {
            job.error(dir.toString(), "scan stopped after " + settings.scanTimeout().toSeconds()
                    + " s: the preview is partial; start a dry-run job for the whole tree");
        }
        job.finish(end);
        return job.snapshot();
    }

    private void run(Job job) {
        State end;
        try {
            end = job.cancelRequested() ? State.CANCELLED : runner.run(job, () -> false);
        } catch (RuntimeException e) {
            LOG.error("Import {} failed", job.id(), e);
            job.error("", "import failed: " + e);
            end = State.FAILED;
        }
        job.finish(end);
        ImportJob done = job.snapshot();
        LOG.info("Import {} {}: {} file(s), {} imported ({} filtered), {} skipped, {} failed", done.id(),
                end.name().toLowerCase(Locale.ROOT), done.filesTotal(), done.imported(), done.filtered(),
                done.skipped(), done.failed());
        try {
            audit.finished(done);
        } catch (RuntimeException e) {
            LOG.warn("Import {}: audit entry not written: {}", done.id(), e.toString());
        }
        prune();
    }

    private void prune() {
        synchronized (jobs) {
            long finished = jobs.values().stream().filter(Job::isFinished).count();
            var it = jobs.values().iterator();
            while (finished > settings.keptJobs() && it.hasNext()) {
                if (it.next().isFinished()) {
                    it.remove();
                    finished--;
                }
            }
        }
    }

    @Override
    public Optional<ImportJob> job(String id) {
        Job j = id == null ? null : jobs.get(id);
        return Optional.ofNullable(j).map(Job::snapshot);
    }

    @Override
    public List<ImportJob> jobs() {
        List<Job> all;
        synchronized (jobs) {
            all = new ArrayList<>(jobs.values());
        }
        Collections.reverse(all);
        return all.stream().map(Job::snapshot).toList();
    }

    @Override
    public boolean cancel(String id) {
        Job j = id == null ? null : jobs.get(id);
        return j != null && j.requestCancel();
    }

    /** An absolute, existing, readable directory inside the allowed roots and outside the router's own data. */
    Path checkDirectory(Path directory) {
        if (directory == null || directory.toString().isBlank()) {
            throw new ImportRequestException("path", "path is required");
        }
        if (!directory.isAbsolute()) {
            throw new ImportRequestException("path", "path must be absolute: " + directory);
        }
        if (!Files.isDirectory(directory)) {
            throw new ImportRequestException("path", "not an existing directory: " + directory);
        }
        if (!Files.isReadable(directory)) {
            throw new ImportRequestException("path", "directory not readable by the router: " + directory);
        }
        Path real = FileScanner.real(directory);
        if (!settings.allowedRoots().isEmpty() && settings.allowedRoots().stream().noneMatch(real::startsWith)) {
            throw new ImportRequestException("path", "imports are allowed only from " + settings.allowedRoots()
                    + "; " + directory + " is outside");
        }
        for (Path e : settings.excluded()) {
            if (real.startsWith(e) && !FileScanner.storageArea(real, e)) {
                throw new ImportRequestException("path", "the router's own data directory cannot be imported: "
                        + directory);
            }
        }
        return real;
    }

    private String checkRoute(String ae) {
        if (ae == null || ae.isBlank()) {
            throw new ImportRequestException("route", "route is required (the AE title of a route)");
        }
        String key = ae.strip();
        for (RoutingStatus.RouteStatus r : routes.routes()) {
            if (r.aeTitle().equalsIgnoreCase(key)) {
                if (!r.enabled()) {
                    throw new ImportRequestException("route", "route " + r.aeTitle() + " is disabled");
                }
                return r.aeTitle();
            }
        }
        throw new ImportRequestException("route", "no route with AE title '" + key + "'");
    }

    /** Cancels every job and stops the pool (the bundle stops). */
    @Override
    public void close() {
        synchronized (jobs) {
            jobs.values().forEach(Job::requestCancel);
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
