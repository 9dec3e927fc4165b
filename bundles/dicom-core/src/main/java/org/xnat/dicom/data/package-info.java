/** The DICOM data model: tags, value representations, attributes (datasets), sequences, fragments. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.xnat.dicom.data;
