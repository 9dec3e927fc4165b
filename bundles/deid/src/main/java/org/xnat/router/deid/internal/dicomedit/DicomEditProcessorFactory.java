package org.xnat.router.deid.internal.dicomedit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.DatasetProcessorFactory;
import org.xnat.router.deid.ScriptProblem;
import org.xnat.router.deid.internal.broker.Brokers;
import org.xnat.router.deid.internal.broker.Crosswalk;
import org.xnat.router.deid.internal.broker.HonestBroker;

/** The {@code dicomedit} processor type: DicomEdit 6 scripts (see {@link DicomEditSettings}). */
@Component(service = DatasetProcessorFactory.class,
        property = DatasetProcessorFactory.TYPE_PROPERTY + "=" + DicomEditProcessorFactory.TYPE)
public final class DicomEditProcessorFactory implements DatasetProcessorFactory {

    public static final String TYPE = "dicomedit";
    private static final Logger LOG = LoggerFactory.getLogger(DicomEditProcessorFactory.class);

    private final Crosswalk crosswalk;

    @Activate
    public DicomEditProcessorFactory(@Reference Crosswalk crosswalk) {
        this.crosswalk = crosswalk;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(ComponentConfig config) throws InvalidConfigurationException {
        DicomEditSettings.parse(config);
    }

    @Override
    public DatasetProcessor create(ComponentConfig config) throws InvalidConfigurationException {
        return create(config, crosswalk);
    }

    /** A processor whose honest broker (if any) uses {@code crosswalk}. */
    public static DatasetProcessor create(ComponentConfig config, Crosswalk crosswalk) throws InvalidConfigurationException {
        DicomEditSettings settings = DicomEditSettings.parse(config);
        if (!settings.uidKeyConfigured()) {
            LOG.debug("dicomedit processor '{}' has no uid_key: hashUID is keyed by its name", config.name());
        }
        HonestBroker broker = settings.broker() == null ? null
                : Brokers.create(settings.broker(), "honest_broker.", crosswalk);
        return new DicomEditProcessor(settings, broker);
    }

    /** The problems of a script text: empty when it parses. */
    public static java.util.List<ScriptProblem> validateScript(String text) {
        try {
            Parser.parse(text);
            return java.util.List.of();
        } catch (ScriptSyntaxException e) {
            return java.util.List.of(e.problem());
        }
    }
}
