package org.xnat.router.routing.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.destination.DestinationFactory;
import org.xnat.router.api.filter.RouteContext;
import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.processor.DatasetProcessorFactory;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.transfer.TransferListener;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.configstore.ConfigListener;
import org.xnat.router.configstore.ConfigVersion;
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
import org.xnat.router.routing.internal.tracking.TransferEvents;

/**
 * The routing engine as an OSGi component: runs a {@link RoutingEngine} on the router's {@code DataSource},
 * follows the {@link DestinationFactory} and {@link TransferListener} whiteboards, and is a {@link ConfigListener}
 * of the configuration store, which hands it the current configuration version at once and every later one (saved
 * on this instance or another sharing the database); each is applied live ({@link RoutingEngine#reconfigure}).
 * Until the first version arrives nothing listens, and the "routing" health says it waits for the configuration.
 */
@Component(service = {Ingest.class, Transfers.class, RoutingStatus.class, HealthIndicator.class, ConfigListener.class},
        property = "health.name=routing", immediate = true)
@Designate(ocd = RoutingComponent.Settings.class)
public final class RoutingComponent implements Ingest, Transfers, RoutingStatus, HealthIndicator, ConfigListener {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingComponent.class);

    /** System property overriding {@code minFreeMb}. */
    public static final String MIN_FREE_PROPERTY = "router.spool.minFreeMb";

    @ObjectClassDefinition(name = "XNAT DICOM Router routing engine",
            description = "Spool, delivery queue and listener settings; routes and destinations come from the"
                    + " configuration store")
    public @interface Settings {
        @AttributeDefinition(description = "Spool directory; empty = ${karaf.data}/spool")
        String spoolDirectory() default "";

        @AttributeDefinition(description = "Refuse stores (A700) when the spool's disk has less free space (MB);"
                + " the system property router.spool.minFreeMb overrides it")
        long minFreeMb() default EngineSettings.DEFAULT_MIN_FREE_MB;

        @AttributeDefinition(description = "Address the route listeners bind; empty = all interfaces")
        String bindAddress() default "";

        @AttributeDefinition(description = "Name of this router in the shared delivery queue; empty = host name + spool")
        String instanceName() default "";

        @AttributeDefinition(description = "Seconds a delivery claim holds without renewal (claims of a crashed router expire)")
        int leaseSeconds() default 60;

        @AttributeDefinition(description = "Milliseconds between queue polls of idle delivery workers")
        int pollMillis() default 1000;

        @AttributeDefinition(description = "Milliseconds between maintenance runs (quiet studies, spool cleanup)")
        int maintenanceMillis() default 1000;

        @AttributeDefinition(description = "Instances at most in one delivery to a per-instance destination")
        int instanceBatch() default 100;
    }

    private final TransferEvents events = new TransferEvents();
    private final RoutingEngine engine;
    /** The version applied last (0 = none yet), for the log. */
    private volatile long appliedVersion;

    @Activate
    public RoutingComponent(@Reference(service = DataSource.class, target = "(dataSourceName=router)")
            Map.Entry<Map<String, Object>, DataSource> database, Settings settings) throws IOException {
        EngineSettings engineSettings = engineSettings(settings).withStoreTimeout(storeTimeout(database.getKey()));
        this.engine = new RoutingEngine(database.getValue(), engineSettings, events);
        LOG.info("Routing engine waits for the configuration from the configuration store");
    }

    /**
     * A configuration version from the store (one call at a time, in version order). Problems of single routes or
     * destinations (a port in use, a type not installed) are reported by the health, never thrown.
     */
    @Override
    public void configurationChanged(ConfigVersion current) {
        RouterConfig config = current.config();
        long previous = appliedVersion;
        engine.reconfigure(config);
        appliedVersion = current.id();
        LOG.info("Configuration version {} applied{} ({} route(s), {} destination(s))", current.id(),
                previous == 0 ? "" : " live, replacing version " + previous, config.routes().size(),
                config.destinations().size());
    }

    /** DataSource service property of the persistence bundle (its {@code storeTimeoutSeconds} setting). */
    static final String STORE_TIMEOUT_PROPERTY = "router.database.storeTimeoutSeconds";

    /** How long each statement of a store may wait for the database, as the DataSource's provider says. */
    static Duration storeTimeout(Map<String, Object> dataSourceProperties) {
        Object value = dataSourceProperties.get(STORE_TIMEOUT_PROPERTY);
        if (value != null) {
            try {
                long seconds = Long.parseLong(String.valueOf(value).strip());
                if (seconds > 0 && seconds <= 3600) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            LOG.warn("DataSource property {}='{}' is not a number of seconds (1-3600); using {} s", STORE_TIMEOUT_PROPERTY,
                    value, EngineSettings.DEFAULT_STORE_TIMEOUT.toSeconds());
        }
        return EngineSettings.DEFAULT_STORE_TIMEOUT;
    }

    static EngineSettings engineSettings(Settings s) {
        String data = System.getProperty("karaf.data", "data");
        Path spool = s.spoolDirectory().isBlank() ? Path.of(data, "spool") : Path.of(s.spoolDirectory().strip());
        long minFreeMb = s.minFreeMb();
        String override = System.getProperty(MIN_FREE_PROPERTY, "").strip();
        if (!override.isEmpty()) {
            try {
                minFreeMb = Long.parseLong(override);
            } catch (NumberFormatException e) {
                LOG.warn("System property {}='{}' is not a number; using {}", MIN_FREE_PROPERTY, override, minFreeMb);
            }
        }
        String name = s.instanceName().strip();
        if (name.isEmpty()) {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
            name = host + ":" + spool.toAbsolutePath().normalize();
        }
        return new EngineSettings(spool, minFreeMb * 1024 * 1024, s.bindAddress(), name,
                Duration.ofSeconds(Math.max(5, s.leaseSeconds())), Duration.ofMillis(Math.max(50, s.pollMillis())),
                Duration.ofMillis(Math.max(100, s.maintenanceMillis())), Math.max(1, s.instanceBatch()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDestinationFactory(DestinationFactory factory, Map<String, Object> properties) {
        engine.addFactory(factory, properties);
    }

    void removeDestinationFactory(DestinationFactory factory) {
        engine.removeFactory(factory);
    }

    /** De-identification processor types (the deid bundle's ps315, dicomedit, honest-broker). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProcessorFactory(DatasetProcessorFactory factory, Map<String, Object> properties) {
        engine.addProcessorFactory(factory, properties);
    }

    void removeProcessorFactory(DatasetProcessorFactory factory) {
        engine.removeProcessorFactory(factory);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransferListener(TransferListener listener) {
        events.add(listener);
    }

    void removeTransferListener(TransferListener listener) {
        events.remove(listener);
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    // ------------------------------------------------------------------ services (delegation)

    @Override
    public String name() {
        return "routing";
    }

    @Override
    public HealthReport check() {
        return engine.health();
    }

    @Override
    public IngestResult ingest(java.io.InputStream part10, RouteContext context) throws IngestException {
        return engine.ingest(part10, context);
    }

    @Override
    public IngestResult ingest(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
            java.io.InputStream dataset, RouteContext context) throws IngestException {
        return engine.ingest(sopClassUid, sopInstanceUid, transferSyntaxUid, dataset, context);
    }

    @Override
    public List<TransferSummary> list(TransferQuery query) {
        return engine.list(query);
    }

    @Override
    public TransferPage search(TransferSearch search) {
        return engine.search(search);
    }

    @Override
    public Optional<TransferSummary> get(long transferId) {
        return engine.get(transferId);
    }

    @Override
    public List<TransferInstance> instances(long transferId, int limit) {
        return engine.instances(transferId, limit);
    }

    @Override
    public int retry(long transferId) {
        return engine.retry(transferId);
    }

    @Override
    public int cancel(long transferId) {
        return engine.cancel(transferId);
    }

    @Override
    public List<RouteStatus> routes() {
        return engine.routes();
    }

    @Override
    public List<DestinationStatus> destinations() {
        return engine.destinations();
    }

    @Override
    public HealthReport echo(String destination) {
        return engine.echo(destination);
    }

    @Override
    public SpoolStatus spoolStatus() {
        return engine.spoolStatus();
    }
}
