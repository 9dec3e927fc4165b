/**
 * DICOM upper layer (PS3.8) and DIMSE (PS3.7) API shared by SCUs and SCPs: association
 * negotiation parameters, presentation contexts, DIMSE status codes and the network exceptions.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.xnat.dicom.net;
