/** DICOM TLS (PS3.15 Annex B) settings for SCUs and SCPs, built on JSSE. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.xnat.dicom.net.tls;
