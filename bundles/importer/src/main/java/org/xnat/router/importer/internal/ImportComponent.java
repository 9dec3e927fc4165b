package org.xnat.router.importer.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.importer.ImportJob;
import org.xnat.router.importer.ImportRequest;
import org.xnat.router.importer.ImportService;
import org.xnat.router.routing.Ingest;
import org.xnat.router.routing.RoutingStatus;

/** {@link ImportService} as a component: the routing engine's {@link Ingest}, audit into the router's database. */
@Component(service = ImportService.class)
@Designate(ocd = ImportComponent.Settings.class)
public final class ImportComponent implements ImportService {

    private static final Logger LOG = LoggerFactory.getLogger(ImportComponent.class);

    @ObjectClassDefinition(name = "XNAT DICOM Router import from disk",
            description = "Import jobs: concurrency, limits, and the directories imports may read")
    public @interface Settings {
        @AttributeDefinition(description = "Import jobs running at the same time; more wait in line")
        int maxConcurrentJobs() default 2;

        @AttributeDefinition(description = "Import jobs waiting at most; beyond, new jobs are refused")
        int maxQueuedJobs() default 20;

        @AttributeDefinition(description = "Finished jobs kept in memory (their summaries are in the audit log)")
        int keptJobs() default 100;

        @AttributeDefinition(description = "Errors listed per job (all are counted)")
        int maxErrors() default 50;

        @AttributeDefinition(description = "Files one job may take")
        long maxFiles() default 1_000_000;

        @AttributeDefinition(description = "Directories imports may read from (and their sub-directories);"
                + " empty: any directory the router can read")
        String[] allowedRoots() default {};

        @AttributeDefinition(description = "Seconds a preview scan (POST /api/imports/scan) may take")
        int scanTimeoutSeconds() default 120;
    }

    private final ImportManager manager;

    @Activate
    public ImportComponent(@Reference Ingest ingest, @Reference RoutingStatus routes,
            @Reference(target = "(dataSourceName=router)") DataSource dataSource, Settings s) {
        List<Path> roots = new ArrayList<>();
        for (String r : Optional.ofNullable(s.allowedRoots()).orElse(new String[0])) {
            if (r != null && !r.isBlank()) {
                Path p = Path.of(r.strip());
                if (!p.isAbsolute()) {
                    LOG.warn("Import: allowed root '{}' is not absolute; ignored", r);
                    continue;
                }
                roots.add(FileScanner.real(p));
            }
        }
        List<Path> excluded = new ArrayList<>();
        String data = System.getProperty("karaf.data", "").strip();
        if (!data.isEmpty()) {
            excluded.add(FileScanner.real(Path.of(data)));
        }
        ImportSettings settings = new ImportSettings(Math.max(1, s.maxConcurrentJobs()), Math.max(1, s.maxQueuedJobs()),
                Math.max(1, s.keptJobs()), Math.max(1, s.maxErrors()), Math.max(1, s.maxFiles()), roots, excluded,
                Duration.ofSeconds(Math.max(1, s.scanTimeoutSeconds())));
        this.manager = new ImportManager(ingest, routes, settings, new SqlJobAudit(dataSource));
        LOG.info("Import service ready: {} job(s) at a time, allowed roots {}", settings.maxConcurrentJobs(),
                roots.isEmpty() ? "any" : Arrays.toString(roots.toArray()));
    }

    @Deactivate
    void deactivate() {
        manager.close();
    }

    @Override
    public ImportJob start(ImportRequest request) {
        return manager.start(request);
    }

    @Override
    public ImportJob scan(Path directory, boolean recursive) {
        return manager.scan(directory, recursive);
    }

    @Override
    public Optional<ImportJob> job(String id) {
        return manager.job(id);
    }

    @Override
    public List<ImportJob> jobs() {
        return manager.jobs();
    }

    @Override
    public boolean cancel(String id) {
        return manager.cancel(id);
    }
}
