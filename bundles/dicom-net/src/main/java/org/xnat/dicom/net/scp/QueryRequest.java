package org.xnat.dicom.net.scp;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.net.Association;

/** An incoming C-FIND: the information model (SOP class) and the identifier (query keys). */
public record QueryRequest(Association association, String sopClassUid, Attributes identifier, int priority) {
}
