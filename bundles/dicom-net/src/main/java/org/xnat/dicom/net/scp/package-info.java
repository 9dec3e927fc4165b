/**
 * Service class provider side: {@link org.xnat.dicom.net.scp.DicomServer} accepts associations
 * under an {@link org.xnat.dicom.net.scp.ScpConfig} acceptance policy and hands C-STORE data sets
 * to a {@link org.xnat.dicom.net.StorageSink}, C-FIND to a {@link org.xnat.dicom.net.scp.QueryProvider},
 * C-MOVE/C-GET to a {@link org.xnat.dicom.net.scp.RetrieveProvider}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.xnat.dicom.net.scp;
