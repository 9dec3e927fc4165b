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
 * properties as under {@code honest_brokers:}, see {@link BrokerSettings}).
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
        BrokerSettings.parse(config);
    }

    @Override
    public DatasetProcessor create(ComponentConfig config) throws InvalidConfigurationException {
        return new BrokerProcessor(broker(BrokerSettings.parse(config), crosswalk));
    }

    public static HonestBroker broker(BrokerSettings settings, Crosswalk crosswalk) {
        if (!settings.keyConfigured()) {
            LOG.warn("honest broker '{}' has no hash_key: its hashes are derived from its name; set hash_key to a secret",
                    settings.name());
        }
        return new LocalHonestBroker(settings, crosswalk);
    }
}
