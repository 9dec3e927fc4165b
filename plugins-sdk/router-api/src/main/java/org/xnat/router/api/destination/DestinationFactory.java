package org.xnat.router.api.destination;

import org.osgi.annotation.versioning.ConsumerType;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;

/**
 * Makes destinations of one type. Registered as an OSGi service with the property
 * {@value #TYPE_PROPERTY} set to the type key used in configuration (e.g. {@code dicom},
 * {@code file}, {@code xnat}); the built-in types use exactly this door too.
 */
@ConsumerType
public interface DestinationFactory {

    /** Service property naming the destination type this factory makes. */
    String TYPE_PROPERTY = "router.destination.type";

    /**
     * Optional service property: {@value #DELIVERY_PER_STUDY} when the type wants whole studies
     * (delivered once a study is complete, e.g. an archive upload), {@value #DELIVERY_PER_INSTANCE}
     * (the default) when instances are forwarded as they arrive.
     */
    String DELIVERY_PROPERTY = "router.destination.delivery";

    /** Value of {@value #DELIVERY_PROPERTY}: whole studies, once complete. */
    String DELIVERY_PER_STUDY = "study";

    /** Value of {@value #DELIVERY_PROPERTY}: instances as they arrive (the default). */
    String DELIVERY_PER_INSTANCE = "instance";

    /** The type key, equal to the {@value #TYPE_PROPERTY} service property. */
    String type();

    /**
     * Checks a configuration without creating anything, so a change can be refused whole before
     * any of it is applied.
     *
     * @throws InvalidConfigurationException listing every problem, field by field
     */
    void validate(ComponentConfig config) throws InvalidConfigurationException;

    /**
     * Creates a destination from a configuration that {@link #validate} accepted. Creating must be
     * cheap and must not contact the remote side; connections are made on delivery.
     */
    Destination create(ComponentConfig config) throws InvalidConfigurationException;
}
