package org.xnat.router.api.processor;

import org.osgi.annotation.versioning.ConsumerType;
import org.xnat.dicom.data.Attributes;

/**
 * Changes one instance on its way to one destination. Processors of a route-destination run in
 * order on the dataset read from the spool; the original is never changed, so every retry starts
 * from it again. A processor that cannot do its job must throw: the router then fails the
 * delivery closed rather than send an unprocessed instance.
 */
@ConsumerType
public interface DatasetProcessor {

    /**
     * @param dataset the instance's dataset (pixel data included when the processor asked for it
     *                with {@link #needsPixelData()}), changed in place
     * @param context per-delivery values scripts can use
     * @throws ProcessingException when the instance must not be sent
     */
    void process(Attributes dataset, ProcessingContext context) throws ProcessingException;

    /** Whether {@link #process} needs the pixel data in memory (e.g. to blank burned-in text). */
    default boolean needsPixelData() {
        return false;
    }
}
