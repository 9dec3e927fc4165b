package org.xnat.dicom.net.scp;

import java.util.List;

import org.xnat.dicom.net.DimseException;

/** Finds the instances a C-MOVE or C-GET identifier selects. */
@FunctionalInterface
public interface RetrieveProvider {
    List<RetrievableInstance> locate(RetrieveRequest request) throws DimseException;
}
