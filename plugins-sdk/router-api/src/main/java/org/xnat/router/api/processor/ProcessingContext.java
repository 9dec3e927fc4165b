package org.xnat.router.api.processor;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** Values a processor may use for one instance on its way to one destination. */
@ProviderType
public interface ProcessingContext {

    String routeAeTitle();

    String destinationName();

    String callingAeTitle();

    /**
     * Named values: the route-destination's options ({@code project_id} as {@code project},
     * {@code subject}, {@code session}) and variables earlier processors set.
     */
    Map<String, String> variables();
}
