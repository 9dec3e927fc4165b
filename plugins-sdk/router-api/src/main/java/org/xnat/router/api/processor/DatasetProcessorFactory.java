package org.xnat.router.api.processor;

import org.osgi.annotation.versioning.ConsumerType;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;

/**
 * Makes dataset processors of one type (e.g. {@code dicomedit}, {@code ps315},
 * {@code tag-modifications}), registered as an OSGi service with the property
 * {@value #TYPE_PROPERTY}.
 */
@ConsumerType
public interface DatasetProcessorFactory {

    String TYPE_PROPERTY = "router.processor.type";

    String type();

    void validate(ComponentConfig config) throws InvalidConfigurationException;

    DatasetProcessor create(ComponentConfig config) throws InvalidConfigurationException;
}
