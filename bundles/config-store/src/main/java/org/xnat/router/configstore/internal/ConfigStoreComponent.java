package org.xnat.router.configstore.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.destination.DestinationFactory;
import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.config.ConfigFiles;
import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigChange;
import org.xnat.router.configstore.ConfigListener;
import org.xnat.router.configstore.ConfigRejectedException;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.configstore.ConfigVersionSummary;

/**
 * The configuration store as an OSGi component on the router's {@code DataSource}: offers {@link ConfigStore}
 * and the "configuration" {@link HealthIndicator}, imports the file named by the system property
 * {@code router.config} at start (see {@link StartupImport}), and tells {@link ConfigListener}s about versions.
 */
@Component(service = {ConfigStore.class, HealthIndicator.class}, property = "health.name=configuration",
        immediate = true)
@Designate(ocd = ConfigStoreComponent.Settings.class)
public final class ConfigStoreComponent implements ConfigStore, HealthIndicator {

    /** System property naming the configuration file (set by the launcher). */
    public static final String CONFIG_PROPERTY = "router.config";

    @ObjectClassDefinition(name = "XNAT DICOM Router configuration store",
            description = "Versioned configuration in PostgreSQL")
    public @interface Settings {
        @AttributeDefinition(description = "Milliseconds between checks for versions saved by other router instances"
                + " sharing the database")
        long pollMillis() default 1000;
    }

    private final Map<String, DestinationFactory> factories = new ConcurrentHashMap<>();
    private final ConfigurationHealth health = new ConfigurationHealth();
    private final DatabaseConfigStore store;
    private final ChangeNotifier notifier;

    @Activate
    public ConfigStoreComponent(@Reference(target = "(dataSourceName=router)") DataSource dataSource,
            @Reference ConfigFiles configFiles, Settings settings) {
        this(dataSource, configFiles, Duration.ofMillis(settings.pollMillis()),
                System.getProperty(CONFIG_PROPERTY, ""), System.getenv());
    }

    /**
     * @param file the configuration file to import at start, blank for none
     * @param environment what {@code ${ENV_VAR}} references resolve to
     */
    ConfigStoreComponent(DataSource dataSource, ConfigFiles configFiles, Duration pollInterval, String file,
            Map<String, String> environment) {
        DocumentValidator validator = new DocumentValidator(configFiles,
                type -> Optional.ofNullable(factories.get(type)), environment);
        ChangeNotifier[] holder = new ChangeNotifier[1];
        this.store = new DatabaseConfigStore(new VersionRows(dataSource), validator, id -> holder[0].wake());
        this.notifier = new ChangeNotifier(store, health);
        holder[0] = notifier;
        notifier.addChore(new StartupImport(store, health, file));
        notifier.start(pollInterval);
    }

    DatabaseConfigStore store() {
        return store;
    }

    @Deactivate
    void deactivate() {
        notifier.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ConfigListener listener) {
        notifier.add(listener);
    }

    void removeListener(ConfigListener listener) {
        notifier.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDestinationFactory(DestinationFactory factory, Map<String, Object> properties) {
        Object type = properties.get(DestinationFactory.TYPE_PROPERTY);
        factories.put(type == null ? factory.type() : String.valueOf(type), factory);
    }

    void removeDestinationFactory(DestinationFactory factory, Map<String, Object> properties) {
        Object type = properties.get(DestinationFactory.TYPE_PROPERTY);
        factories.remove(type == null ? factory.type() : String.valueOf(type), factory);
    }

    // ---------------------------------------------------------------- delegation

    @Override
    public String name() {
        return health.name();
    }

    @Override
    public HealthReport check() {
        return health.check();
    }

    @Override
    public ConfigVersion current() {
        return store.current();
    }

    @Override
    public List<ConfigVersionSummary> history(int limit, int offset) {
        return store.history(limit, offset);
    }

    @Override
    public Optional<ConfigVersion> version(long id) {
        return store.version(id);
    }

    @Override
    public List<ConfigChange> diff(long from, long to) {
        return store.diff(from, to);
    }

    @Override
    public ConfigVersion update(long expectedVersion, Consumer<Map<String, Object>> edit, ChangeAuthor author,
            String comment) throws ConfigRejectedException {
        return store.update(expectedVersion, edit, author, comment);
    }

    @Override
    public ConfigVersion replace(long expectedVersion, Map<String, Object> document, ChangeAuthor author,
            String comment) throws ConfigRejectedException {
        return store.replace(expectedVersion, document, author, comment);
    }

    @Override
    public ConfigVersion rollback(long toVersion, ChangeAuthor author) throws ConfigRejectedException {
        return store.rollback(toVersion, author);
    }

    @Override
    public ConfigVersion importYaml(String yaml, String fileName, ChangeAuthor author) throws ConfigRejectedException {
        return store.importYaml(yaml, fileName, author);
    }

    @Override
    public String exportYaml() {
        return store.exportYaml();
    }

    @Override
    public List<ConfigProblem> validate(Map<String, Object> document) {
        return store.validate(document);
    }
}
