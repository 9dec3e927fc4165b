package org.xnat.router.deid.internal.dicomedit;

import java.util.HashMap;
import java.util.Map;

import org.xnat.dicom.data.Attributes;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingContext;
import org.xnat.router.api.processor.ProcessingException;
import org.xnat.router.deid.internal.broker.HonestBroker;
import org.xnat.router.deid.internal.broker.IdType;

/** A {@code dicomedit} processor: one parsed script run on each instance. */
final class DicomEditProcessor implements DatasetProcessor {

    private final DicomEditSettings settings;
    private final HonestBroker broker;

    DicomEditProcessor(DicomEditSettings settings, HonestBroker broker) {
        this.settings = settings;
        this.broker = broker;
    }

    @Override
    public boolean needsPixelData() {
        return settings.script().needsPixelData();
    }

    @Override
    public void process(Attributes dataset, ProcessingContext context) throws ProcessingException {
        Map<String, String> vars = new HashMap<>(settings.variables());
        if (context != null && context.variables() != null) {
            vars.putAll(context.variables());
        }
        Interpreter.Environment env = new Interpreter.Environment(settings.uids(), this::lookup, vars);
        try {
            Interpreter.run(settings.script(), dataset, env);
        } catch (ScriptSyntaxException e) {
            throw new ProcessingException("script '" + settings.scriptName() + "' " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ProcessingException("script '" + settings.scriptName() + "' failed: " + e, e);
        }
    }

    private String lookup(String type, String key) throws Exception {
        Map<String, String> table = settings.lookupTable().get(type);
        if (table != null && table.containsKey(key)) {
            return table.get(key);
        }
        IdType idType = IdType.of(type);
        if (broker != null && idType != null) {
            return broker.map(idType, key);
        }
        return null;
    }
}
