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

    String TYPE_PROPERTY = "router.filter.type";

    String type();

    void validate(ComponentConfig config) throws InvalidConfigurationException;

    RouteFilter create(ComponentConfig config) throws InvalidConfigurationException;
}
