package org.xnat.router.destination.dicom.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.DestinationFactory;

/** The {@code dicom} destination type: studies sent with C-STORE to a DICOM node. */
@Component(service = DestinationFactory.class, property = DestinationFactory.TYPE_PROPERTY + "=" + DicomDestinationFactory.TYPE)
public final class DicomDestinationFactory implements DestinationFactory {

    static final String TYPE = "dicom";

    @Activate
    public DicomDestinationFactory() {
        // stateless: every destination carries its own configuration, pool and threads
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(ComponentConfig config) throws InvalidConfigurationException {
        DicomDestinationConfig.parse(config);
    }

    @Override
    public Destination create(ComponentConfig config) throws InvalidConfigurationException {
        return new DicomDestination(DicomDestinationConfig.parse(config));
    }
}
