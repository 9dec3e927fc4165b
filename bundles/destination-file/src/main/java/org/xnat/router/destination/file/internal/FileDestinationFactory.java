package org.xnat.router.destination.file.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.DestinationFactory;

/** The {@code file} destination type: studies written as Part 10 files into a directory tree. */
@Component(service = DestinationFactory.class, property = DestinationFactory.TYPE_PROPERTY + "=" + FileDestinationFactory.TYPE)
public final class FileDestinationFactory implements DestinationFactory {

    static final String TYPE = "file";

    @Activate
    public FileDestinationFactory() {
        // stateless: every destination carries its own configuration
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(ComponentConfig config) throws InvalidConfigurationException {
        FileDestinationConfig.parse(config);
    }

    @Override
    public Destination create(ComponentConfig config) throws InvalidConfigurationException {
        return new FileDestination(FileDestinationConfig.parse(config));
    }
}
