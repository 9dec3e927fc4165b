package org.xnat.router.deid;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.processor.DatasetProcessor;

/**
 * A chain of processors to try on one instance, as a route destination runs them: {@code preceding} first (e.g.
 * the route's tag modifications: processors without side effects), then each de-identification configuration, all
 * sharing one set of variables (an honest broker in {@code labels_only} mode gives {@code subject} and
 * {@code session} to the script after it).
 *
 * @param label what the chain is, for people (e.g. {@code route CT_IN -> pacs})
 * @param preceding processors run first, in order
 * @param processors de-identification configurations ({@code ps315}, {@code dicomedit}, {@code honest-broker})
 * @param variables the values the route gives the processors ({@code project}, ...)
 * @since 1.2
 */
public record DeidChain(String label, List<DatasetProcessor> preceding, List<ComponentConfig> processors,
        Map<String, String> variables) {

    public DeidChain {
        Objects.requireNonNull(label, "label");
        preceding = List.copyOf(preceding);
        processors = List.copyOf(processors);
        variables = Map.copyOf(variables);
    }

    /** One processor configuration alone. */
    public static DeidChain of(ComponentConfig processor, Map<String, String> variables) {
        return new DeidChain(processor.type() + " '" + processor.name() + "'", List.of(), List.of(processor),
                variables == null ? Map.of() : variables);
    }
}
