package org.xnat.router.deid;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.xnat.dicom.data.Attributes;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.ProcessingException;

/**
 * Checks scripts and tries de-identification on one instance without forwarding anything (an OSGi service of
 * the deid bundle). A test run does not write to an honest broker's crosswalk: new research IDs it would
 * assign are shown but not kept.
 */
@ProviderType
public interface DeidTester {

    /** The problems of a DicomEdit 6 script (empty if it is valid), each with its line and column. */
    List<ScriptProblem> validateScript(String text);

    /**
     * Runs a processor configuration (type {@code ps315}, {@code dicomedit} or {@code honest-broker}, with the
     * properties a route-destination would give it) on a copy of {@code dataset}.
     *
     * @param variables the values a route gives scripts ({@code project}, {@code subject}, {@code session}, ...)
     * @throws InvalidConfigurationException if the configuration is invalid
     * @throws ProcessingException if the processor refuses the instance (the reason is the message)
     */
    DeidResult test(ComponentConfig processor, Attributes dataset, Map<String, String> variables)
            throws InvalidConfigurationException, ProcessingException;

    /**
     * Runs a chain on a copy of {@code dataset}: its preceding processors, then each configuration, sharing one set of
     * variables and one view of the crosswalks (a research ID the broker would assign is the same all along the chain
     * and is not kept). The changes are those of the whole chain.
     *
     * @throws InvalidConfigurationException if a configuration is invalid
     * @throws ProcessingException if a processor refuses the instance (the reason is the message)
     * @since 1.2
     */
    DeidResult test(DeidChain chain, Attributes dataset) throws InvalidConfigurationException, ProcessingException;
}
