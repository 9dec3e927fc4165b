package org.xnat.router.deid.internal.tester;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xnat.dicom.data.Attributes;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingContext;
import org.xnat.router.api.processor.ProcessingException;
import org.xnat.router.deid.DeidChain;
import org.xnat.router.deid.DeidResult;
import org.xnat.router.deid.DeidTester;
import org.xnat.router.deid.ScriptProblem;
import org.xnat.router.deid.internal.broker.Crosswalk;
import org.xnat.router.deid.internal.broker.HonestBrokerProcessorFactory;
import org.xnat.router.deid.internal.dicomedit.DicomEditProcessorFactory;
import org.xnat.router.deid.internal.profile.Ps315ProcessorFactory;

/** The {@link DeidTester} service: runs processors on a copy, with a crosswalk that does not keep new mappings. */
@Component(service = DeidTester.class)
public final class DeidTesterComponent implements DeidTester {

    private final Crosswalk crosswalk;

    @Activate
    public DeidTesterComponent(@Reference Crosswalk crosswalk) {
        this.crosswalk = crosswalk;
    }

    @Override
    public List<ScriptProblem> validateScript(String text) {
        return DicomEditProcessorFactory.validateScript(text == null ? "" : text);
    }

    @Override
    public DeidResult test(ComponentConfig processor, Attributes dataset, Map<String, String> variables)
            throws InvalidConfigurationException, ProcessingException {
        return test(DeidChain.of(processor, variables), dataset);
    }

    @Override
    public DeidResult test(DeidChain chain, Attributes dataset) throws InvalidConfigurationException,
            ProcessingException {
        // one dry-run view for the whole chain: the broker's labels and the script's lookups agree
        Crosswalk dryRun = new DryRunCrosswalk(crosswalk);
        List<DatasetProcessor> processors = new ArrayList<>(chain.preceding());
        for (ComponentConfig c : chain.processors()) {
            processors.add(create(c, dryRun));
        }
        Attributes copy = new Attributes(dataset);
        // mutable: processors earlier in the chain set variables for later ones, as in a delivery
        Map<String, String> vars = new HashMap<>(chain.variables());
        ProcessingContext context = new ProcessingContext() {
            @Override
            public String routeAeTitle() {
                return "";
            }

            @Override
            public String destinationName() {
                return "";
            }

            @Override
            public String callingAeTitle() {
                return "";
            }

            @Override
            public Map<String, String> variables() {
                return vars;
            }
        };
        for (DatasetProcessor p : processors) {
            p.process(copy, context);
        }
        return new DeidResult(copy, AttributesDiff.diff(dataset, copy));
    }

    private static DatasetProcessor create(ComponentConfig processor, Crosswalk dryRun)
            throws InvalidConfigurationException {
        return switch (processor.type()) {
            case Ps315ProcessorFactory.TYPE -> new Ps315ProcessorFactory().create(processor);
            case DicomEditProcessorFactory.TYPE -> DicomEditProcessorFactory.create(processor, dryRun);
            case HonestBrokerProcessorFactory.TYPE -> new HonestBrokerProcessorFactory(dryRun).create(processor);
            default -> throw new InvalidConfigurationException(ConfigProblem.of("type", "'" + processor.type()
                    + "' is not a de-identification processor (ps315, dicomedit, honest-broker)"));
        };
    }
}
