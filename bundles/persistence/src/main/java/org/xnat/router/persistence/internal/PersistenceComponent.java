package org.xnat.router.persistence.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.health.HealthReport;

/**
 * The router's database in OSGi: a {@link HealthIndicator} named "database" while active; a pooled
 * {@link DataSource} service ({@code dataSourceName=router}) only once the database is reachable
 * and the schema applied. A configuration change restarts it (no @Modified).
 *
 * <p>Both services are registered from code, not by DS, so that the configuration (which may hold
 * a password) is not copied into service properties.
 */
@Component(
        configurationPid = PersistenceConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true,
        service = {})
@Designate(ocd = PersistenceConfiguration.class)
public final class PersistenceComponent {

    static final String DATA_SOURCE_NAME = "router";
    /**
     * DataSource service property: the longest each database statement of a store may take (seconds). The routing
     * engine bounds its ingest transaction with it, so a sender gets a failure status instead of waiting.
     */
    static final String STORE_TIMEOUT_PROPERTY = "router.database.storeTimeoutSeconds";
    private static final Logger LOG = LoggerFactory.getLogger(PersistenceComponent.class);

    private final BundleContext context;
    private final RouterDatabase database;
    private final ServiceRegistration<HealthIndicator> health;
    private ServiceRegistration<DataSource> dataSource;
    private boolean deactivated;

    @Activate
    public PersistenceComponent(BundleContext context, PersistenceConfiguration configuration,
                                Map<String, Object> properties) {
        this.context = context;
        DatabaseSettings settings = null;
        HealthReport misconfigured = null;
        try {
            settings = DatabaseSettings.parse(DatabaseSettings.Raw.of(configuration), Placeholders.ofRuntime());
            Optional<String> passwordVariable = ConfigFileReferences.variableOf(
                    properties.get("felix.fileinstall.filename"), "password");
            if (passwordVariable.isPresent()) {
                settings = settings.withPasswordSource("environment variable " + passwordVariable.get());
            }
        } catch (InvalidSettingException e) {
            LOG.error("Database not started, fix etc/{}.cfg: {}", PersistenceConfiguration.PID, e.getMessage());
            misconfigured = HealthReport.down("configuration: " + e.getMessage());
        }
        this.database = settings == null ? null : new RouterDatabase(settings, this::publish);
        HealthReport fixed = misconfigured;
        DatabaseHealthIndicator indicator = new DatabaseHealthIndicator(
                () -> database == null ? fixed : database.health());
        Dictionary<String, Object> healthProperties = new Hashtable<>();
        healthProperties.put("health.name", DatabaseHealthIndicator.NAME);
        this.health = context.registerService(HealthIndicator.class, indicator, healthProperties);
        if (database != null) {
            LOG.info("Starting the router database: {}", settings);
            database.start();
        }
    }

    private synchronized void publish(DataSource pool) {
        if (deactivated) {
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("dataSourceName", DATA_SOURCE_NAME);
        properties.put("osgi.jdbc.datasource.name", DATA_SOURCE_NAME);
        properties.put("router.database.mode", database.settings().mode().name().toLowerCase(Locale.ROOT));
        properties.put(STORE_TIMEOUT_PROPERTY, (int) database.settings().timeouts().store().toSeconds());
        dataSource = context.registerService(DataSource.class, pool, properties);
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            deactivated = true;
            unregister(dataSource);
            dataSource = null;
        }
        if (database != null) {
            database.close();
        }
        unregister(health);
    }

    private static void unregister(ServiceRegistration<?> registration) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it
        }
    }
}
