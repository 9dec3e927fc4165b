package org.xnat.router.examples.dicomjson.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.DestinationFactory;

/**
 * The {@code dicom-json} destination type: every instance is written as a DICOM JSON Model document
 * (PS3.18 F.2) with its large binary values in separate bulk data files. Offered to the router as a
 * {@link DestinationFactory} service; the router finds it by the {@value DestinationFactory#TYPE_PROPERTY}
 * property, whether this bundle came with a feature or was dropped into {@code deploy/}.
 */
@Component(service = DestinationFactory.class, property = {
    DestinationFactory.TYPE_PROPERTY + "=" + DicomJsonDestinationFactory.TYPE,
    DestinationFactory.DELIVERY_PROPERTY + "=" + DestinationFactory.DELIVERY_PER_INSTANCE
})
public final class DicomJsonDestinationFactory implements DestinationFactory {

    static final String TYPE = "dicom-json";

    @Activate
    public DicomJsonDestinationFactory() {
        // stateless: every destination carries its own configuration
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(ComponentConfig config) throws InvalidConfigurationException {
        DicomJsonConfig.parse(config);
    }

    @Override
    public Destination create(ComponentConfig config) throws InvalidConfigurationException {
        return new DicomJsonDestination(DicomJsonConfig.parse(config));
    }
}
