package org.xnat.router.deid.internal.profile;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.DatasetProcessorFactory;

/** The {@code ps315} processor type: PS3.15 Annex E Basic Profile with options (see {@link ProfileSettings}). */
@Component(service = DatasetProcessorFactory.class,
        property = DatasetProcessorFactory.TYPE_PROPERTY + "=" + Ps315ProcessorFactory.TYPE)
public final class Ps315ProcessorFactory implements DatasetProcessorFactory {

    public static final String TYPE = "ps315";
    private static final Logger LOG = LoggerFactory.getLogger(Ps315ProcessorFactory.class);

    @Activate
    public Ps315ProcessorFactory() {
        // stateless: each processor carries its settings; the table is shared and immutable
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(ComponentConfig config) throws InvalidConfigurationException {
        ProfileSettings.parse(config);
    }

    @Override
    public DatasetProcessor create(ComponentConfig config) throws InvalidConfigurationException {
        ProfileSettings settings = ProfileSettings.parse(config);
        if (!settings.uidKeyConfigured() && !settings.options().contains(ProfileOption.RETAIN_UIDS)) {
            LOG.warn("ps315 processor '{}' has no uid_key: replacement UIDs are derived from its name, so anyone who"
                    + " knows an original UID and the name can link it; set uid_key to a secret", config.name());
        }
        return new Ps315Processor(config.name(), new BasicProfile(ProfileTable.standard(), settings));
    }
}
