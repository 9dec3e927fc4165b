package org.xnat.router.routing.internal.processing;

import java.util.List;

import org.xnat.router.api.processor.DatasetProcessor;

/** What de-identification a route destination's deliveries need, as far as can be known now. */
public sealed interface Plan {

    /** The route destination does not de-identify: instances go out as before (tag modifications only). */
    record None() implements Plan {
    }

    /** The processors to run, in order, after the route's tag modifications. */
    record Ready(List<DatasetProcessor> processors, String projectId, boolean brokerLabels) implements Plan {
        public Ready {
            processors = List.copyOf(processors);
        }

        public boolean needsPixelData() {
            return processors.stream().anyMatch(DatasetProcessor::needsPixelData);
        }
    }

    /**
     * The route destination de-identifies but its processors cannot be made now (a processor type is not
     * registered, a script or broker setting is wrong): its instances wait in the queue, never sent as they are.
     */
    record Waiting(String reason) implements Plan {
    }

    Plan NONE = new None();
}
