package org.xnat.dicom.net.scu;

import org.xnat.dicom.net.DimseResponse;

/** Receives the pending responses of a C-MOVE or C-GET (sub-operation counts). */
@FunctionalInterface
public interface RetrieveProgress {
    RetrieveProgress NONE = r -> { };

    void onPending(DimseResponse pending);
}
