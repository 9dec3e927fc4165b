/** Data dictionary (PS3.6), UID registry and transfer syntaxes. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.xnat.dicom.dict;
