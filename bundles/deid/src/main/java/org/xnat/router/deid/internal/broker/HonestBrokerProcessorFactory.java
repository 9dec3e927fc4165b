package org.xnat.router.deid.internal.broker;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.DatasetProcessorFactory;

/**
 * The {@code honest-broker} processor type: its configuration is the broker's (name = the broker's name,
 * properties as under {@code honest_brokers:}, see {@link BrokerSettings} and {@link RemoteBrokerSettings}).
 * With {@code labels_only: true} the processor only sets the XNAT labels ({@code subject}, {@code session}) as
 * variables for what runs after it, leaving the dataset alone.
 */
@Component(service = DatasetProcessorFactory.class,
        property = DatasetProcessorFactory.TYPE_PROPERTY + "=" + HonestBrokerProcessorFactory.TYPE)
public final class HonestBrokerProcessorFactory implements DatasetProcessorFactory {

    public static final String TYPE = "honest-broker";
    private static final Logger LOG = LoggerFactory.getLogger(HonestBrokerProcessorFactory.class);

    private final Crosswalk crosswalk;

    @Activate
    public HonestBrokerProcessorFactory(@Reference Crosswalk crosswalk) {
        this.crosswalk = crosswalk;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(ComponentConfig config) throws InvalidConfigurationException {
        Brokers.validate(config, "");
        config.getBoolean("labels_only", false);
    }

    @Override
    public DatasetProcessor create(ComponentConfig config) throws InvalidConfigurationException {
        return new BrokerProcessor(Brokers.create(config, "", crosswalk), config.getBoolean("labels_only", false));
    }

    /** A local broker. */
    public static HonestBroker broker(BrokerSettings settings, Crosswalk crosswalk) {
        if (!settings.keyConfigured()) {
            LOG.warn("honest broker '{}' has no hash_key: its hashes are derived from its name; set hash_key to a secret",
                    settings.name());
        }
        return new LocalHonestBroker(settings, crosswalk);
    }
}
