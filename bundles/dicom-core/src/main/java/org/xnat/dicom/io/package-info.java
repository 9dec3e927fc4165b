/** Streaming reader and writer of DICOM datasets and Part 10 files, in every uncompressed transfer syntax. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.xnat.dicom.io;
