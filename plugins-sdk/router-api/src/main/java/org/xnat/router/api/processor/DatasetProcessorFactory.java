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

    /** Service property naming the type this factory makes, e.g. {@code dicomedit}. */
    String TYPE_PROPERTY = "router.processor.type";

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
    DatasetProcessor create(ComponentConfig config) throws InvalidConfigurationException;
}
