package org.xnat.router.routing.internal.route;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.dict.ElementDictionary;
import org.xnat.router.config.FilterRule;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;
import org.xnat.router.config.RouterConfig;
import org.xnat.router.config.RoutingRule;
import org.xnat.router.config.ValidationRule;

/**
 * Applies a route's rules to an instance's header, in this order: validation rules (a failed {@code reject}
 * rule rejects the instance), filters (an {@code exclude} match or a failed {@code include} drops it), routing
 * rules (the union of the destinations of every matching rule; when none matches, the route's destinations).
 * Only enabled route destinations whose destination is enabled are used.
 */
public final class RouteRules {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRules.class);

    private RouteRules() {
    }

    public static RoutingDecision decide(RouterConfig config, RouteConfig route, Attributes header) {
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < route.validationRules().size(); i++) {
            ValidationRule rule = route.validationRules().get(i);
            String failure = validate(rule, header);
            if (failure == null) {
                continue;
            }
            String label = "validation rule " + label(rule.name(), i) + ": " + failure;
            switch (rule.onFailure()) {
                case REJECT -> {
                    return new RoutingDecision(RoutingDecision.Verdict.REJECTED, List.of(), label, warnings);
                }
                case WARN -> warnings.add(label);
                case LOG -> LOG.info("Route {}: instance {}: {}", route.aeTitle(), header.getString(Tag.SOPInstanceUID), label);
            }
        }
        for (int i = 0; i < route.filters().size(); i++) {
            FilterRule f = route.filters().get(i);
            boolean match = Matcher.matches(header, f.tag(), f.operator(), f.value(), f.values());
            if (f.action() == FilterRule.Action.EXCLUDE && match) {
                return new RoutingDecision(RoutingDecision.Verdict.FILTERED, List.of(),
                        "excluded by filter " + label(f.name(), i), warnings);
            }
            if (f.action() == FilterRule.Action.INCLUDE && !match) {
                return new RoutingDecision(RoutingDecision.Verdict.FILTERED, List.of(),
                        "not included by filter " + label(f.name(), i), warnings);
            }
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (RoutingRule r : route.routingRules()) {
            if (Matcher.matches(header, r.tag(), r.operator(), r.value(), r.values())) {
                chosen.addAll(r.destinations());
            }
        }
        List<RouteDestination> targets = new ArrayList<>();
        for (RouteDestination rd : route.destinations()) {
            boolean wanted = chosen.isEmpty() || chosen.contains(rd.destination());
            boolean enabled = rd.enabled() && config.destination(rd.destination()).map(d -> d.enabled()).orElse(false);
            if (wanted && enabled) {
                targets.add(rd);
            }
        }
        // a rule may name a destination the route does not list: it gets the defaults of a route destination
        for (String name : chosen) {
            boolean listed = route.destinations().stream().anyMatch(rd -> rd.destination().equals(name));
            if (!listed && config.destination(name).map(d -> d.enabled()).orElse(false)) {
                targets.add(RouteDestination.to(name));
            }
        }
        if (targets.isEmpty()) {
            return new RoutingDecision(RoutingDecision.Verdict.FILTERED, List.of(), "no enabled destination applies",
                    warnings);
        }
        targets.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
        return new RoutingDecision(RoutingDecision.Verdict.ROUTED, targets, "", warnings);
    }

    /** Why the instance fails the rule, or null when it passes. */
    static String validate(ValidationRule rule, Attributes header) {
        return switch (rule.type()) {
            case REQUIRED_TAG -> Matcher.valuesOf(header, rule.tag())[0].isEmpty()
                    ? tagName(rule.tag()) + " is missing or empty" : null;
            case TAG_VALUE -> Matcher.matches(header, rule.tag(), rule.operator(), rule.value(), rule.values()) ? null
                    : tagName(rule.tag()) + " '" + String.join("\\", Matcher.valuesOf(header, rule.tag()))
                            + "' does not satisfy " + rule.operator().yamlName() + " "
                            + (rule.operator().usesValueList() ? rule.values() : "'" + rule.value() + "'");
            case TAG_LENGTH -> {
                int len = String.join("\\", Matcher.valuesOf(header, rule.tag())).length();
                boolean ok = (rule.minLength() == null || len >= rule.minLength())
                        && (rule.maxLength() == null || len <= rule.maxLength());
                yield ok ? null : tagName(rule.tag()) + " has length " + len + ", outside "
                        + (rule.minLength() == null ? "0" : rule.minLength()) + ".."
                        + (rule.maxLength() == null ? "" : rule.maxLength());
            }
            case MODALITY_CHECK -> {
                String modality = Matcher.valuesOf(header, Tag.Modality)[0];
                yield rule.values().contains(modality) ? null
                        : "Modality '" + modality + "' is not one of " + rule.values();
            }
        };
    }

    private static String label(String name, int index) {
        return name == null || name.isBlank() ? "#" + (index + 1) : "'" + name + "'";
    }

    static String tagName(int tag) {
        String keyword = ElementDictionary.keywordOf(tag);
        return keyword == null || keyword.isEmpty() ? String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF) : keyword;
    }
}
