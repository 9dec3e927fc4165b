package ${package}.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.DestinationFactory;

/**
 * The '${destinationType}' destination type. The router finds this DS component's service by its
 * {@code router.destination.type} property and asks it for one {@link Destination} per configured destination
 * of the type; removing the bundle takes the type away (its destinations wait, nothing is lost).
 */
@Component(service = DestinationFactory.class, property = {
    DestinationFactory.TYPE_PROPERTY + "=" + ${className}DestinationFactory.TYPE,
    DestinationFactory.DELIVERY_PROPERTY + "=" + DestinationFactory.DELIVERY_PER_INSTANCE
})
public final class ${className}DestinationFactory implements DestinationFactory {

    static final String TYPE = "${destinationType}";

    @Activate
    public ${className}DestinationFactory() {
        // stateless: every destination carries its own configuration
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(ComponentConfig config) throws InvalidConfigurationException {
        ${className}Config.parse(config);
    }

    @Override
    public Destination create(ComponentConfig config) throws InvalidConfigurationException {
        return new ${className}Destination(${className}Config.parse(config));
    }
}
