/**
 * Service class user side: {@link org.xnat.dicom.net.scu.DicomClient} opens associations,
 * {@link org.xnat.dicom.net.scu.ScuAssociation} runs C-ECHO, C-STORE, C-FIND, C-MOVE and C-GET on them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.xnat.dicom.net.scu;
