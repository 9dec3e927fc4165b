package org.xnat.router.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.config.ConfigFiles;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.RouterSettings;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.importer.ImportService;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.routing.RoutingStatus;
import org.xnat.router.storage.internal.archive.ArchiveLimits;
import org.xnat.router.storage.internal.area.StorageArea;
import org.xnat.router.storage.internal.area.UploadLimits;
import org.xnat.router.storage.internal.area.UploadProcessor;

/**
 * Runs the storage area: builds the {@link StorageService} from the settings, follows imports of stored studies
 * and purges the trash on schedules. The REST resource uses it.
 */
@Component(service = StorageComponent.class, immediate = true)
@Designate(ocd = StorageSettings.class)
public final class StorageComponent {

    private static final Logger LOG = LoggerFactory.getLogger(StorageComponent.class);

    private final RoutingStatus routing;
    private final ConfigFiles configFiles;
    private final StorageService service;
    private final StorageSettings settings;
    private final UploadLimits baseLimits;
    private final ScheduledExecutorService scheduler;
    private volatile CachedConfig fileConfig;

    /** The versioned configuration, when its bundle runs; it is the live configuration then. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigStore configStore;

    @Activate
    public StorageComponent(@Reference ImportService importer, @Reference RoutingStatus routing,
            @Reference ConfigFiles configFiles, @Reference AuditLog audit, StorageSettings settings) throws IOException {
        this.routing = routing;
        this.configFiles = configFiles;
        this.settings = settings;
        String dir = settings.storageDirectory().strip();
        Path root = dir.isEmpty() ? Path.of(System.getProperty("karaf.data", "data"), "storage") : Path.of(dir);
        StorageArea area = new StorageArea(root, Clock.systemUTC());
        area.clearIncoming();
        this.baseLimits = limits(settings);
        Object lock = new Object();
        this.service = new StorageService(area, new UploadProcessor(area, this::limits, lock, Clock.systemUTC()), importer,
                this::autoImport, audit, lock);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "storage-housekeeping");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::monitor, 1000, Math.max(200, settings.monitorMillis()), TimeUnit.MILLISECONDS);
        long purgeMinutes = Math.max(1, settings.purgeIntervalMinutes());
        scheduler.scheduleWithFixedDelay(this::purge, 1, purgeMinutes, TimeUnit.MINUTES);
        LOG.info("Storage area {} (uploads up to {} MB, {} files; trash kept {} days)", area.root(),
                settings.maxUploadMb(), settings.maxFiles(), settings.trashRetentionDays());
    }

    static UploadLimits limits(StorageSettings s) {
        long bytes = Math.max(1, s.maxUploadMb()) * 1024 * 1024;
        int files = Math.max(1, s.maxFiles());
        double ratio = s.maxCompressionRatio() > 0 ? s.maxCompressionRatio() : ArchiveLimits.DEFAULT_MAX_RATIO;
        ArchiveLimits archive = new ArchiveLimits(bytes, files, ratio, ratio, Math.max(0, s.ratioMinBytes()),
                Math.max(16, s.maxPathLength()), Math.max(1, s.maxPathDepth()));
        return new UploadLimits(bytes, files, archive, s.maxPartHeaderBytes());
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    public StorageService service() {
        return service;
    }

    /**
     * The limits of the next upload: the {@code settings:} section of the live configuration (upload bytes,
     * entries, ratio) when a configuration is loaded, else this component's configuration, which also holds the
     * limits {@code settings:} does not have (path length and depth, part header size).
     */
    public UploadLimits limits() {
        return routerSettings().map(rs -> {
            ArchiveLimits a = baseLimits.archive();
            int entries = Math.max(1, rs.uploadMaxEntries());
            long bytes = Math.max(1, rs.uploadMaxBytes());
            ArchiveLimits archive = new ArchiveLimits(bytes, entries, rs.uploadMaxRatio(), rs.uploadMaxRatio(),
                    a.ratioMinBytes(), a.maxPathLength(), a.maxPathDepth());
            return new UploadLimits(bytes, entries, archive, baseLimits.maxPartHeaderBytes());
        }).orElse(baseLimits);
    }

    /** {@code trash_retention_days} of the live configuration, else this component's configuration. */
    public int retentionDays() {
        return Math.max(0, routerSettings().map(RouterSettings::trashRetentionDays)
                .orElse(settings.trashRetentionDays()));
    }

    private java.util.Optional<RouterSettings> routerSettings() {
        return liveConfig().map(RouterConfig::settings);
    }

    /** The AE titles of the configured routes. */
    public List<String> routes() {
        return routing.routes().stream().map(RoutingStatus.RouteStatus::aeTitle).toList();
    }

    /** A configured route's AE title as configured (routes are matched ignoring case). */
    public java.util.Optional<String> route(String aeTitle) {
        return routes().stream().filter(r -> r.equalsIgnoreCase(aeTitle)).findFirst();
    }

    private void monitor() {
        try {
            service.monitor(routes());
        } catch (RuntimeException e) {
            LOG.warn("Storage monitor: {}", e.toString());
        }
    }

    private void purge() {
        try {
            int n = service.purge(Duration.ofDays(retentionDays()), StorageService.SYSTEM, "");
            if (n > 0) {
                LOG.info("Purged {} trashed stored study(ies) older than {} days", n, retentionDays());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Trash purge: {}", e.toString());
        }
    }

    /** {@code auto_import} of a route: from the versioned configuration if it has one, else from config.yaml. */
    boolean autoImport(String aeTitle) {
        return liveConfig().flatMap(c -> c.routeForAeTitle(aeTitle)).map(RouteConfig::autoImport).orElse(false);
    }

    /** The versioned configuration if it has a version, else the configuration file the launcher named. */
    private java.util.Optional<RouterConfig> liveConfig() {
        ConfigStore store = configStore;
        if (store != null) {
            try {
                ConfigVersion v = store.current();
                if (v.id() > 0) {
                    return java.util.Optional.of(v.config());
                }
            } catch (RuntimeException e) {
                LOG.warn("Configuration store unavailable ({}); using the configuration file", e.toString());
            }
        }
        return fileConfig();
    }

    private record CachedConfig(Path file, long modified, RouterConfig config) {
    }

    private java.util.Optional<RouterConfig> fileConfig() {
        String name = System.getProperty("router.config", "").strip();
        if (name.isEmpty()) {
            return java.util.Optional.empty();
        }
        Path file = Path.of(name);
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            CachedConfig c = fileConfig;
            if (c == null || !c.file().equals(file) || c.modified() != modified) {
                c = new CachedConfig(file, modified, configFiles.read(file).config());
                fileConfig = c;
            }
            return java.util.Optional.of(c.config());
        } catch (Exception e) {
            LOG.warn("Cannot read auto_import from {}: {}", file, e.toString());
            return java.util.Optional.empty();
        }
    }
}
