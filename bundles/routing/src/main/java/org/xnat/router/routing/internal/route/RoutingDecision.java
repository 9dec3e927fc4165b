package org.xnat.router.routing.internal.route;

import java.util.List;

import org.xnat.router.config.RouteDestination;

/**
 * What the route's rules decided for one instance.
 *
 * @param verdict routed, filtered out, or rejected by validation
 * @param destinations where it goes (empty unless routed)
 * @param rule the rule that filtered or rejected it, for the record ("filter 'no SR'", "validation rule 'needs PatientID'")
 * @param warnings failed validations with {@code on_failure: warn}
 */
public record RoutingDecision(Verdict verdict, List<RouteDestination> destinations, String rule, List<String> warnings) {

    public enum Verdict { ROUTED, FILTERED, REJECTED }

    public RoutingDecision {
        destinations = List.copyOf(destinations);
        warnings = List.copyOf(warnings);
        rule = rule == null ? "" : rule;
    }

    public List<String> destinationNames() {
        return destinations.stream().map(RouteDestination::destination).toList();
    }
}
