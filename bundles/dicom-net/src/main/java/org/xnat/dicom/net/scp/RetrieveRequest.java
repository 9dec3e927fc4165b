package org.xnat.dicom.net.scp;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.net.Association;

/**
 * An incoming C-MOVE or C-GET: information model, identifier and, for C-MOVE, the destination AE
 * title (null for C-GET).
 */
public record RetrieveRequest(Association association, String sopClassUid, Attributes identifier, int priority,
        String moveDestination) {
}
