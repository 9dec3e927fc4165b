package org.xnat.router.deid;

import java.util.List;

import org.xnat.dicom.data.Attributes;

/**
 * What a test run of a processor did to one instance.
 *
 * @param output the de-identified dataset (a copy; the input is unchanged)
 * @param changes every element added, removed or changed, in dataset order
 */
public record DeidResult(Attributes output, List<TagChange> changes) {

    public DeidResult {
        changes = List.copyOf(changes);
    }
}
