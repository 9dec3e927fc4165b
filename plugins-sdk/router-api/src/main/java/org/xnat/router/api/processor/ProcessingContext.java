package org.xnat.router.api.processor;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** Values a processor may use for one instance on its way to one destination. */
@ProviderType
public interface ProcessingContext {

    /** AE title of the route the instance came in through. */
    String routeAeTitle();

    /** Configured name of the destination the instance is processed for. */
    String destinationName();

    /** Calling AE title of the sender, or empty for imports. */
    String callingAeTitle();

    /**
     * Named values: the route-destination's options ({@code project_id} as {@code project},
     * {@code subject}, {@code session}) and variables earlier processors set.
     */
    Map<String, String> variables();
}
