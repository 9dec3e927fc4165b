package org.xnat.router.deid.internal.profile;

import org.xnat.dicom.data.Attributes;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingContext;
import org.xnat.router.api.processor.ProcessingException;

/** A {@code ps315} processor: the Basic Profile with the options of its configuration. */
final class Ps315Processor implements DatasetProcessor {

    private final String name;
    private final BasicProfile profile;

    Ps315Processor(String name, BasicProfile profile) {
        this.name = name;
        this.profile = profile;
    }

    @Override
    public void process(Attributes dataset, ProcessingContext context) throws ProcessingException {
        try {
            profile.apply(dataset);
        } catch (RuntimeException e) {
            throw new ProcessingException("de-identification '" + name + "' (PS3.15 Basic Profile) failed: "
                    + e.getMessage(), e);
        }
    }
}
