package org.xnat.router.destination.xnat.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.DestinationFactory;

/** The {@code xnat} destination type: studies uploaded to an XNAT server's import service. */
// XNAT imports a study as one archive: the router delivers it once the study is complete.
@Component(service = DestinationFactory.class, property = {
        DestinationFactory.TYPE_PROPERTY + "=" + XnatDestinationFactory.TYPE,
        DestinationFactory.DELIVERY_PROPERTY + "=" + DestinationFactory.DELIVERY_PER_STUDY })
public final class XnatDestinationFactory implements DestinationFactory {

    static final String TYPE = "xnat";

    @Activate
    public XnatDestinationFactory() {
        // stateless: every destination carries its own configuration
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(ComponentConfig config) throws InvalidConfigurationException {
        XnatConfig.parse(config);
    }

    @Override
    public Destination create(ComponentConfig config) throws InvalidConfigurationException {
        return new XnatDestination(XnatConfig.parse(config));
    }
}
