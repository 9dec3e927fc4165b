package org.xnat.dicom.net.scp;

import java.util.stream.Stream;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.net.DimseException;

/**
 * Answers C-FIND requests. Each element of the returned stream is sent as one pending response;
 * the stream is consumed lazily, so a C-CANCEL stops it early, and it is always closed.
 * Throw {@link DimseException} for a failure status (e.g. A900H identifier does not match).
 */
@FunctionalInterface
public interface QueryProvider {
    Stream<Attributes> query(QueryRequest request) throws DimseException;
}
