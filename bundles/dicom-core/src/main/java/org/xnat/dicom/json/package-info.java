/**
 * The DICOM JSON Model (PS3.18 Annex F): {@link org.xnat.dicom.json.DicomJsonWriter} streams
 * {@link org.xnat.dicom.data.Attributes} as JSON, {@link org.xnat.dicom.json.DicomJsonReader} reads it back.
 * No third-party JSON library is used.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.xnat.dicom.json;
