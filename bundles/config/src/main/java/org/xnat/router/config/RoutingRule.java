package org.xnat.router.config;

import java.util.List;
import java.util.Objects;

/**
 * One of a route's {@code routing_rules}: when an instance's attribute matches, it goes to the rule's
 * destinations (the XNAT DICOM Router's semantics: if any rule matches, only matched destinations are used;
 * if none matches, all the route's enabled destinations are).
 *
 * @param name a label ({@code null} if absent)
 * @param description free text ({@code null} if absent)
 * @param tag the attribute, as a tag ({@code tag:} accepts a keyword or {@code (gggg,eeee)})
 * @param operator how to compare (default {@code equals})
 * @param value the value for every operator but {@code in}
 * @param values the values for {@code in}
 * @param destinations names of destinations to use when the rule matches
 */
public record RoutingRule(String name, String description, int tag, MatchOperator operator, String value,
        List<String> values, List<String> destinations) {

    public RoutingRule {
        Objects.requireNonNull(operator, "operator");
        values = Immutables.list(values);
        destinations = Immutables.list(destinations);
    }
}
