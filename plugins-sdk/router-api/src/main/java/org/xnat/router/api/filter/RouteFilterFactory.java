package org.xnat.router.api.filter;

import org.osgi.annotation.versioning.ConsumerType;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;

/**
 * Makes route filters of one type, registered as an OSGi service with the property
 * {@value #TYPE_PROPERTY}.
 */
@ConsumerType
public interface RouteFilterFactory {

    /** Service property naming the type this factory makes, e.g. {@code modality}. */
    String TYPE_PROPERTY = "router.filter.type";

    /** The type key, equal to the {@value #TYPE_PROPERTY} service property. */
    String type();

    /**
     * Checks a configuration without creating anything, so a change can be refused whole before any of it
     * is applied.
     *
     * @throws InvalidConfigurationException listing every problem, field by field
     */
    void validate(ComponentConfig config) throws InvalidConfigurationException;

    /** Creates one from a configuration that {@link #validate} accepted; must be cheap and side-effect free. */
    RouteFilter create(ComponentConfig config) throws InvalidConfigurationException;
}
