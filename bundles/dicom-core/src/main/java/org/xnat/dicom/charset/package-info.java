/**
 * DICOM Specific Character Set (0008,0005): decoding and encoding of text values
 * (SH, LO, ST, LT, UT, UC, PN) per PS3.3 C.12.1.1.2 and PS3.5 6.1, including
 * ISO 2022 code extensions.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.xnat.dicom.charset;
