package org.xnat.router.api.filter;

import java.util.Set;

/**
 * What a filter decided.
 *
 * @param accept whether the route takes the instance at all
 * @param destinations when not empty, only these destinations of the route get it
 * @param reason for the transfer log, e.g. "Modality SR excluded by filter 'no-reports'"
 */
public record FilterDecision(boolean accept, Set<String> destinations, String reason) {

    /** Copies the destinations (null means none); a null reason becomes empty. */
    public FilterDecision {
        destinations = destinations == null ? Set.of() : Set.copyOf(destinations);
        reason = reason == null ? "" : reason;
    }

    /** The route takes the instance for all of its destinations. */
    public static FilterDecision acceptAll() {
        return new FilterDecision(true, Set.of(), "");
    }

    /** The route does not take the instance; {@code reason} goes to the transfer log. */
    public static FilterDecision reject(String reason) {
        return new FilterDecision(false, Set.of(), reason);
    }
}
