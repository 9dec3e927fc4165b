package org.xnat.router.routing;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.osgi.annotation.versioning.ProviderType;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.config.RouterConfig;

/**
 * What a route destination does to each instance before sending it, as the delivery workers build it: the route's
 * {@code tag_modifications}, then the de-identification of {@code anonymize} / {@code anon_script} /
 * {@code use_honest_broker} as processor configurations. For trying that chain on one instance without sending
 * anything (the de-identification test harness); nothing here is created or run.
 *
 * @since 1.2
 */
@ProviderType
public interface RouteProcessing {

    /**
     * The chain of a route destination in {@code config}.
     *
     * @param routeAeTitle the route's AE title (case and surrounding blanks ignored)
     * @param destination a destination name: one of the route's destinations, or a configured destination the route
     *            reaches through a routing rule only (then tag modifications alone, as the engine does)
     * @throws NoSuchElementException the route or the destination is not configured
     * @throws IllegalStateException the route destination's de-identification settings cannot make processors (an
     *             unknown or disabled honest broker, an unreadable script file): its instances would wait
     */
    ProcessingChain chain(RouterConfig config, String routeAeTitle, String destination);

    /**
     * @param routeAeTitle the route's AE title as configured
     * @param destination the destination name
     * @param tagModifications the route's tag modifications as one processor (without side effects), or
     *            {@code null} when it has none that apply
     * @param tagModificationCount how many tag modifications apply (those with a {@code condition} are never applied)
     * @param deidentification the processor configurations, in order ({@code honest-broker}, {@code dicomedit}); empty
     *            when the route destination does not de-identify
     * @param variables the variables the engine gives the processors ({@code project} from {@code project_id})
     */
    record ProcessingChain(String routeAeTitle, String destination, DatasetProcessor tagModifications,
            int tagModificationCount, List<ComponentConfig> deidentification, Map<String, String> variables) {

        public ProcessingChain {
            deidentification = List.copyOf(deidentification);
            variables = Map.copyOf(variables);
        }
    }
}
