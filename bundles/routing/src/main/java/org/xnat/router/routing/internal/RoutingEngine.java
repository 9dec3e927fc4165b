package org.xnat.router.routing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.router.api.destination.DestinationFactory;
import org.xnat.router.api.filter.RouteContext;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.DatasetProcessorFactory;
import org.xnat.router.api.transfer.TransferEvent;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.routing.Ingest;
import org.xnat.router.routing.IngestException;
import org.xnat.router.routing.IngestResult;
import org.xnat.router.routing.RoutingStatus;
import org.xnat.router.routing.TransferInstance;
import org.xnat.router.routing.TransferPage;
import org.xnat.router.routing.TransferQuery;
import org.xnat.router.routing.TransferSearch;
import org.xnat.router.routing.TransferSummary;
import org.xnat.router.routing.Transfers;
import org.xnat.router.routing.internal.delivery.ClaimedBatch;
import org.xnat.router.routing.internal.delivery.DeliveryContext;
import org.xnat.router.routing.internal.delivery.DeliveryQueue;
import org.xnat.router.routing.internal.delivery.DestinationRegistry;
import org.xnat.router.routing.internal.processing.DeidDeliveries;
import org.xnat.router.routing.internal.processing.Preparation;
import org.xnat.router.routing.internal.processing.ProcessingPlans;
import org.xnat.router.routing.internal.processing.ProcessorTypes;
import org.xnat.router.routing.internal.route.RouteListeners;
import org.xnat.router.routing.internal.route.RouteRules;
import org.xnat.router.routing.internal.route.RoutingDecision;
import org.xnat.router.routing.internal.route.TagModifier;
import org.xnat.router.routing.internal.spool.Spool;
import org.xnat.router.routing.internal.spool.SpooledFile;
import org.xnat.router.routing.internal.tracking.ConfigMirror;
import org.xnat.router.routing.internal.tracking.ReceivedInstance;
import org.xnat.router.routing.internal.tracking.TrackingStore;
import org.xnat.router.routing.internal.tracking.TransferEvents;
import org.xnat.router.routing.internal.tracking.TransferPolicy;
import org.xnat.router.routing.internal.tracking.TransferQueries;

/**
 * The routing engine: route listeners feed {@link #ingest}, which spools durably, applies the route's rules and
 * records everything in PostgreSQL before returning; per-destination workers deliver from the PostgreSQL
 * queue; a maintenance task closes quiet studies, reaps expired claims and cleans the spool. All state that
 * matters is in PostgreSQL and the spool, so a new engine resumes where a crashed one stopped.
 */
public final class RoutingEngine implements Ingest, RoutingStatus, Transfers, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingEngine.class);
    private static final int STUDY_BATCH = 20_000;

    private final DataSource dataSource;
    private final EngineSettings settings;
    private final TransferEvents events;
    private final Spool spool;
    private final TrackingStore tracking;
    private final TransferQueries queries;
    private final DeliveryQueue queue;
    private final DestinationRegistry registry;
    private final RouteListeners listeners;
    private final String owner;
    private final ScheduledExecutorService maintenance;
    /** Forces spool files to disk while their instances are parsed and recorded. */
    private final ThreadPoolExecutor spoolSync;
    private static final int SPOOL_SYNC_THREADS = 32;
    private final Path workDirectory;
    private final ProcessingPlans deidPlans = new ProcessingPlans(new ProcessorTypes());
    private final DeidDeliveries deid;

    /**
     * What ingest and delivery read: the configuration with its routes and tag modifications, replaced as one
     * object so an instance never sees half of a change.
     */
    private record Active(RouterConfig config, Map<String, RouteConfig> routesByAe, Map<String, TagModifier> modifiers) {
        static final Active EMPTY = new Active(RouterConfig.empty(), Map.of(), Map.of());
    }

    private static final int MAX_RETIRED_ROUTES = 1000;

    private volatile Active active = Active.EMPTY;
    /**
     * Tag modifications of routes that are no longer configured: what they queued is still delivered as it would
     * have been (a route whose AE title changed keeps its queued studies).
     */
    private final Map<String, TagModifier> retiredModifiers = new java.util.concurrent.ConcurrentHashMap<>();
    /** Serializes start, reconfigure and close. */
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;
    private volatile List<String> configProblems = List.of();
    private volatile String maintenanceProblem = "";

    public RoutingEngine(DataSource dataSource, EngineSettings settings, TransferEvents events) throws IOException {
        this.dataSource = dataSource;
        this.settings = settings;
        this.events = events;
        this.spool = new Spool(settings.spoolDirectory(), settings.minFreeBytes());
        this.workDirectory = spool.tmpDirectory();
        this.deid = new DeidDeliveries(deidPlans, spool::resolve, workDirectory);
        this.tracking = new TrackingStore(dataSource, settings.storeTimeout());
        this.queries = new TransferQueries(dataSource);
        this.queue = new DeliveryQueue(dataSource);
        this.owner = settings.instanceName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.registry = new DestinationRegistry(new Context());
        this.listeners = new RouteListeners(this::receive, settings.bindAddress());
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "router-maintenance");
            t.setDaemon(true);
            return t;
        });
        // one fsync per concurrent store at most; when all are busy the store forces its file itself
        AtomicInteger syncThreads = new AtomicInteger();
        this.spoolSync = new ThreadPoolExecutor(0, SPOOL_SYNC_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "router-spool-sync-" + syncThreads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** This engine's lease owner id. */
    public String owner() {
        return owner;
    }

    public Spool spool() {
        return spool;
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * Recovers what a previous run left, applies the configuration and starts listening and delivering. On an
     * engine already started this is {@link #reconfigure}.
     */
    public void start(RouterConfig routerConfig) {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            if (started) {
                apply(routerConfig);
                return;
            }
            recover();
            apply(routerConfig);
            long lease = settings.lease().toMillis();
            maintenance.scheduleWithFixedDelay(this::renewLeases, lease / 3, lease / 3, TimeUnit.MILLISECONDS);
            long every = settings.maintenanceInterval().toMillis();
            maintenance.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
            started = true;
        }
    }

    /**
     * Applies a new configuration while running, touching only what changed: listeners whose AE title, port or
     * calling AE titles changed are replaced (open associations finish), removed or disabled routes stop
     * accepting, new routes listen, unchanged listeners keep running; changed destinations restart their workers,
     * removed ones stop (their queued rows wait), new ones start; rules, filters, validation, tag modifications and
     * de-identification plans are swapped at once for the next instance. The first call starts the engine.
     */
    public void reconfigure(RouterConfig routerConfig) {
        start(routerConfig);
    }

    /** Whether a configuration was applied (before that, nothing listens and health says it waits). */
    public boolean started() {
        synchronized (lifecycle) {
            return started;
        }
    }

    /** Configuration problems to report (the engine runs nothing from an invalid file). */
    public void refuseConfiguration(List<String> problems) {
        this.configProblems = List.copyOf(problems);
    }

    private void apply(RouterConfig c) {
        Map<String, RouteConfig> byAe = new LinkedHashMap<>();
        Map<String, TagModifier> mods = new HashMap<>();
        Map<String, Integer> concurrency = new HashMap<>();
        for (RouteConfig r : c.routes()) {
            byAe.put(key(r.aeTitle()), r);
            mods.put(key(r.aeTitle()), new TagModifier(r.aeTitle(), r.tagModifications()));
            for (RouteDestination rd : r.destinations()) {
                concurrency.merge(rd.destination(), r.maxConcurrentTransfers(), Math::max);
            }
        }
        c.destinations().values().forEach(d -> {
            Object n = d.properties().get("max_concurrent_transfers");
            if (n != null) {
                try {
                    concurrency.put(d.name(), Integer.parseInt(String.valueOf(n).strip()));
                } catch (NumberFormatException e) {
                    LOG.warn("Destination '{}': max_concurrent_transfers '{}' is not a number", d.name(), n);
                }
            }
        });
        for (Map.Entry<String, TagModifier> e : active.modifiers().entrySet()) {
            if (!mods.containsKey(e.getKey()) && retiredModifiers.size() < MAX_RETIRED_ROUTES) {
                retiredModifiers.put(e.getKey(), e.getValue());
            }
        }
        mods.keySet().forEach(retiredModifiers::remove);
        deidPlans.configure(c);
        // rules, filters, validation and tag modifications: one swap, seen by the next instance
        this.active = new Active(c, Map.copyOf(byAe), Map.copyOf(mods));
        configProblems = List.of();
        try {
            ConfigMirror.mirror(dataSource, c);
        } catch (SQLException e) {
            LOG.warn("Could not mirror the configuration into the routes/destinations tables: {}", e.getMessage());
        }
        registry.configure(c.destinations(), concurrency);
        for (RouteConfig r : c.routes()) {
            if (!r.enabled()) {
                LOG.info("Route {} (port {}) is disabled", r.aeTitle(), r.port());
            }
        }
        listeners.apply(c.routes().stream().filter(RouteConfig::enabled).toList());
        LOG.info("Configuration applied: {} route(s), {} destination(s)", c.routes().size(), c.destinations().size());
    }

    /** Releases claims of this router's previous run and quarantines spool files nobody acknowledged. */
    private void recover() {
        try {
            int reaped = queue.reapExpired();
            if (reaped > 0) {
                LOG.info("Recovery: {} delivery claim(s) of a stopped router instance expired and were queued again", reaped);
            }
        } catch (SQLException e) {
            LOG.warn("Recovery: cannot reap expired claims: {}", e.getMessage());
        }
        try {
            spool.clearTmp();
            List<String> batch = new ArrayList<>();
            int quarantined = 0;
            for (String path : spool.list()) {
                batch.add(path);
                if (batch.size() == 500) {
                    quarantined += quarantine(batch);
                    batch.clear();
                }
            }
            quarantined += quarantine(batch);
            if (quarantined > 0) {
                LOG.warn("Recovery: {} spool file(s) had no database record (the sender got no success) and were moved"
                        + " to {}", quarantined, spool.root().resolve("quarantine"));
            }
        } catch (IOException | SQLException e) {
            LOG.warn("Recovery: spool check failed: {}", e.getMessage());
        }
    }

    private int quarantine(List<String> paths) throws SQLException, IOException {
        if (paths.isEmpty()) {
            return 0;
        }
        var known = tracking.knownSpoolPaths(paths);
        List<String> unknown = paths.stream().filter(p -> !known.contains(p)).toList();
        if (unknown.isEmpty()) {
            return 0;
        }
        spool.quarantine(unknown);
        return unknown.size();
    }

    private void renewLeases() {
        try {
            queue.renew(owner, settings.lease());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Cannot renew delivery leases: {}", e.getMessage());
        }
    }

    /** Closes quiet studies, reaps expired claims, cleans the spool. */
    void maintain() {
        try {
            events.fire(tracking.finishQuietTransfers());
            int reaped = queue.reapExpired();
            if (reaped > 0) {
                LOG.info("{} expired delivery claim(s) queued again", reaped);
                registry.wakeAll();
            }
            cleanSpool();
            listeners.retryFailed();
            maintenanceProblem = "";
        } catch (SQLException | RuntimeException e) {
            maintenanceProblem = "maintenance failed: " + e.getMessage();
            LOG.warn("Routing maintenance failed: {}", e.getMessage());
        }
    }

    private void cleanSpool() throws SQLException {
        int days = active.config().resilience().retentionDays();
        Instant keep = Instant.now().minus(Duration.ofDays(Math.max(0, days)));
        Map<Long, String> removable = new LinkedHashMap<>(tracking.removableSpoolFiles(keep, 1000));
        // files of dead-letter instances stay for a manual retry, twice as long
        removable.putAll(tracking.expiredFailedSpoolFiles(keep.minus(Duration.ofDays(Math.max(1, days))), 1000));
        if (removable.isEmpty()) {
            return;
        }
        removable.values().forEach(spool::delete);
        tracking.markSpoolFilesDeleted(removable.keySet());
        LOG.debug("Spool: removed {} file(s)", removable.size());
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
        }
        maintenance.shutdownNow();
        spoolSync.shutdown();
        listeners.close();
        registry.close();
        try {
            maintenance.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ destination types

    public void addFactory(DestinationFactory factory, Map<String, ?> properties) {
        registry.addFactory(factory, properties);
    }

    public void removeFactory(DestinationFactory factory) {
        registry.removeFactory(factory);
    }

    // ------------------------------------------------------------------ processor types (de-identification)

    public void addProcessorFactory(DatasetProcessorFactory factory, Map<String, ?> properties) {
        deidPlans.types().add(factory, properties);
        registry.wakeAll();
    }

    public void removeProcessorFactory(DatasetProcessorFactory factory) {
        deidPlans.types().remove(factory);
    }

    // ------------------------------------------------------------------ ingest

    @Override
    public IngestResult ingest(InputStream part10, RouteContext context) throws IngestException {
        Active a = active;
        RouteConfig route = route(a, context, null);
        Spool.PendingFile f = store(() -> spool.writePart10(part10, spoolSync));
        return record(f, a.config(), route, context, null, null, null);
    }

    @Override
    public IngestResult ingest(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, InputStream dataset,
            RouteContext context) throws IngestException {
        return receive(null, sopClassUid, sopInstanceUid, transferSyntaxUid, dataset, context);
    }

    /**
     * A C-STORE of a route listener. {@code acceptedAs} is the route the association was accepted under: when the
     * route was removed, disabled or renamed since, the association finishes under those settings.
     */
    IngestResult receive(RouteConfig acceptedAs, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
            InputStream dataset, RouteContext context) throws IngestException {
        Active a = active;
        RouteConfig route = route(a, context, acceptedAs);
        Spool.PendingFile f = store(() -> spool.writeDataset(sopClassUid, sopInstanceUid, transferSyntaxUid,
                context.callingAeTitle(), dataset, spoolSync));
        return record(f, a.config(), route, context, sopClassUid, sopInstanceUid, transferSyntaxUid);
    }

    private interface SpoolWrite {
        Spool.PendingFile write() throws IOException;
    }

    private static Spool.PendingFile store(SpoolWrite w) throws IngestException {
        try {
            return w.write();
        } catch (Spool.LowDiskSpaceException e) {
            LOG.warn("Refusing an instance: {}", e.getMessage());
            throw new IngestException(IngestException.Reason.OUT_OF_RESOURCES, "low disk space: " + e.getMessage(), e);
        } catch (IOException e) {
            LOG.error("Refusing an instance: cannot write it to the spool: {}", e.toString());
            throw new IngestException(IngestException.Reason.OUT_OF_RESOURCES, "spool write failed: " + e.getMessage(), e);
        }
    }

    private static RouteConfig route(Active a, RouteContext context, RouteConfig acceptedAs) throws IngestException {
        RouteConfig r = context == null || context.routeAeTitle() == null ? null
                : a.routesByAe().get(key(context.routeAeTitle()));
        if ((r == null || !r.enabled()) && acceptedAs != null) {
            r = acceptedAs;
        }
        if (r == null || !r.enabled()) {
            throw new IngestException(IngestException.Reason.UNKNOWN_ROUTE, "no enabled route '"
                    + (context == null ? null : context.routeAeTitle()) + "'");
        }
        return r;
    }

    /**
     * Parses, decides and records a spooled instance while its fsync runs ({@code pending}); the recording commits
     * only after the fsync returned, and only then is the instance acknowledged.
     */
    private IngestResult record(Spool.PendingFile pending, RouterConfig c, RouteConfig route, RouteContext ctx, String sopClass,
            String sopInstance, String ts) throws IngestException {
        SpooledFile f = pending.file();
        Attributes header;
        String fileTs;
        try (DicomReader reader = DicomReader.open(f.path(), ReadOptions.defaults().stopBeforePixelData(true))) {
            header = reader.readDataset();
            fileTs = reader.transferSyntax() == null ? ts : reader.transferSyntax().uid();
            if (sopClass == null && reader.fileMetaInformation() != null) {
                sopClass = reader.fileMetaInformation().getString(Tag.MediaStorageSOPClassUID);
            }
        } catch (IOException | RuntimeException e) {
            spool.delete(f.relativePath());
            throw new IngestException(IngestException.Reason.UNREADABLE, "cannot parse the data set: " + e.getMessage(), e);
        }
        if (sopClass == null || sopClass.isBlank()) {
            sopClass = header.getString(Tag.SOPClassUID, "");
        }
        if (sopInstance == null || sopInstance.isBlank()) {
            sopInstance = header.getString(Tag.SOPInstanceUID, "");
        }
        String study = header.getString(Tag.StudyInstanceUID, "");
        if (study.isEmpty() || sopInstance.isEmpty()) {
            spool.delete(f.relativePath());
            throw new IngestException(IngestException.Reason.UNREADABLE,
                    study.isEmpty() ? "no Study Instance UID" : "no SOP Instance UID");
        }
        RoutingDecision decision = RouteRules.decide(c, route, header);
        Map<String, TransferPolicy> policies = new LinkedHashMap<>();
        for (RouteDestination rd : decision.destinations()) {
            policies.put(rd.destination(), TransferPolicy.of(registry.modeFor(rd.destination(),
                    c.destinations().get(rd.destination())), route, rd, c.resilience()));
        }
        ReceivedInstance in = new ReceivedInstance(f.relativePath(), f.size(), route.aeTitle(),
                nz(ctx.callingAeTitle()), nz(ctx.remoteAddress()), ctx.source() == null ? "import" : ctx.source(), study,
                header.getString(Tag.SeriesInstanceUID, ""), sopInstance, sopClass, fileTs);
        TrackingStore.Recorded recorded;
        try {
            recorded = tracking.recordIngest(in, decision, policies, pending::awaitDurable);
        } catch (IOException e) {
            spool.delete(f.relativePath());
            LOG.error("Refusing instance {} on route {}: cannot force it to disk: {}", sopInstance, route.aeTitle(),
                    e.toString());
            throw new IngestException(IngestException.Reason.OUT_OF_RESOURCES, "spool write failed: " + e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            spool.delete(f.relativePath());
            LOG.error("Refusing instance {} on route {}: cannot record it in the database: {}", sopInstance,
                    route.aeTitle(), e.getMessage());
            throw new IngestException(IngestException.Reason.OUT_OF_RESOURCES, "database unavailable: " + e.getMessage(), e);
        }
        events.fire(recorded.transferEvents());
        registry.wake(policies.keySet());
        return switch (decision.verdict()) {
            case ROUTED -> new IngestResult(IngestResult.Outcome.ROUTED, recorded.spoolFileId(), study, sopInstance,
                    decision.destinationNames(), String.join("; ", decision.warnings()));
            case FILTERED -> new IngestResult(IngestResult.Outcome.FILTERED, recorded.spoolFileId(), study, sopInstance,
                    List.of(), decision.rule());
            case REJECTED -> throw new IngestException(IngestException.Reason.REJECTED, "rejected by " + decision.rule());
        };
    }

    // ------------------------------------------------------------------ status, tracking

    @Override
    public List<RouteStatus> routes() {
        List<RouteStatus> out = new ArrayList<>();
        for (RouteConfig r : active.config().routes()) {
            out.add(new RouteStatus(r.aeTitle(), r.port(), r.enabled(), listeners.isListening(r.aeTitle()),
                    listeners.problem(r.aeTitle()), r.destinations().stream().filter(RouteDestination::enabled)
                            .map(RouteDestination::destination).toList()));
        }
        return out;
    }

    @Override
    public List<DestinationStatus> destinations() {
        Map<String, long[]> counts;
        try {
            counts = queue.counts();
        } catch (SQLException e) {
            counts = Map.of();
        }
        List<DestinationStatus> out = new ArrayList<>();
        for (String[] s : registry.snapshot()) {
            long[] n = counts.getOrDefault(s[0], new long[3]);
            out.add(new DestinationStatus(s[0], s[1], s[2], Boolean.parseBoolean(s[3]), s[4], n[0], n[1], n[2]));
        }
        return out;
    }

    @Override
    public HealthReport echo(String destination) {
        return registry.check(destination);
    }

    @Override
    public SpoolStatus spoolStatus() {
        java.nio.file.Path dir = settings.spoolDirectory();
        long free = -1;
        long total = -1;
        try {
            java.nio.file.FileStore store = java.nio.file.Files.getFileStore(dir);
            free = store.getUsableSpace();
            total = store.getTotalSpace();
        } catch (java.io.IOException e) {
            // not created yet or unreadable: reported as unknown
        }
        return new SpoolStatus(dir.toString(), free, total, settings.minFreeBytes());
    }

    @Override
    public List<TransferSummary> list(TransferQuery query) {
        try {
            return queries.list(query);
        } catch (SQLException e) {
            throw new IllegalStateException("tracking query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public TransferPage search(TransferSearch search) {
        try {
            return queries.search(search);
        } catch (SQLException e) {
            throw new IllegalStateException("tracking query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<TransferSummary> get(long transferId) {
        try {
            return queries.get(transferId);
        } catch (SQLException e) {
            throw new IllegalStateException("tracking query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<TransferInstance> instances(long transferId, int limit) {
        try {
            return queries.instances(transferId, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("tracking query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int retry(long transferId) {
        try {
            int n = queue.retry(transferId);
            queries.destinationOf(transferId).ifPresent(d -> registry.wake(List.of(d)));
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("retry failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int cancel(long transferId) {
        try {
            int n = queue.cancel(transferId);
            queries.destinationOf(transferId).ifPresent(d -> registry.interrupt(d, transferId));
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("cancel failed: " + e.getMessage(), e);
        }
    }

    /** The "routing" health: configuration, listeners, destinations, queue depth. */
    public HealthReport health() {
        if (!configProblems.isEmpty()) {
            return HealthReport.down("configuration refused, nothing routed: " + String.join("; ", configProblems));
        }
        if (!started()) {
            return HealthReport.down("waiting for the configuration: nothing listens or delivers until it arrives");
        }
        HealthStatus status = HealthStatus.UP;
        List<String> notes = new ArrayList<>();
        int listening = 0;
        for (RouteStatus r : routes()) {
            if (!r.enabled()) {
                continue;
            }
            if (r.listening()) {
                listening++;
            } else {
                status = HealthStatus.DOWN;
                notes.add(r.problem().isEmpty() ? "route " + r.aeTitle() + " is not listening" : r.problem());
            }
        }
        long pending = 0;
        long failed = 0;
        int available = 0;
        List<DestinationStatus> ds = destinations();
        for (DestinationStatus d : ds) {
            pending += d.pending() + d.inProgress();
            failed += d.failed();
            if (d.available()) {
                available++;
            } else if (!d.problem().startsWith("disabled")) {
                status = status.worst(HealthStatus.DEGRADED);
                notes.add("destination " + d.name() + " unavailable: " + d.problem());
            }
        }
        if (!maintenanceProblem.isEmpty()) {
            status = status.worst(HealthStatus.DEGRADED);
            notes.add(maintenanceProblem);
        }
        for (String waiting : deidPlans.waiting()) {
            status = status.worst(HealthStatus.DEGRADED);
            notes.add("de-identification waits: " + waiting);
        }
        String summary = listening + " route(s) listening, " + available + "/" + ds.size() + " destination(s) available, "
                + pending + " instance(s) queued, " + failed + " failed";
        return new HealthReport(status, notes.isEmpty() ? summary : summary + "; " + String.join("; ", notes));
    }

    /** The port a route listens on (for tests with port 0), or -1. */
    public int listeningPort(String aeTitle) {
        return listeners.port(aeTitle);
    }

    private static String key(String ae) {
        return ae.strip().toUpperCase(Locale.ROOT);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** What the delivery workers see of the engine. */
    private final class Context implements DeliveryContext {
        @Override
        public DeliveryQueue queue() {
            return queue;
        }

        @Override
        public Path spoolFile(String relativePath) {
            return spool.resolve(relativePath);
        }

        @Override
        public Path workDirectory() {
            return workDirectory;
        }

        @Override
        public String owner() {
            return owner;
        }

        @Override
        public Duration lease() {
            return settings.lease();
        }

        @Override
        public Duration pollInterval() {
            return settings.pollInterval();
        }

        @Override
        public int batchSize(boolean studyMode) {
            return studyMode ? STUDY_BATCH : settings.instanceBatch();
        }

        @Override
        public DatasetProcessor processorFor(String routeAeTitle) {
            TagModifier m = active.modifiers().get(key(routeAeTitle));
            if (m == null) {
                m = retiredModifiers.get(key(routeAeTitle));
            }
            if (m == null) {
                throw new IllegalStateException("route " + routeAeTitle + " is no longer configured; its tag"
                        + " modifications are unknown, so its instances are not sent");
            }
            return m.isEmpty() ? null : m;
        }

        @Override
        public void fire(List<TransferEvent> list) {
            events.fire(list);
        }

        @Override
        public Preparation prepare(ClaimedBatch batch, DatasetProcessor tagModifications) throws InterruptedException {
            return deid.prepare(batch, tagModifications);
        }
    }
}
