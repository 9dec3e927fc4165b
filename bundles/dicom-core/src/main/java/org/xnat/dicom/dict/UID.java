package org.xnat.dicom.dict;

import org.xnat.dicom.dict.internal.UidTable;

// GENERATED from src/build/templates/UID.java, src/build/uids-handwritten.tsv and
// src/build/dicom-standard/sops.json by org.xnat.dicom.build.DictionaryGenerator (test scope); do not edit by hand.

/**
 * Well-known UIDs of PS3.6 Annex A: transfer syntaxes, storage SOP classes (PS3.4 Annex B) and the
 * service SOP classes the router uses, with their names.
 */
public final class UID {

    private UID() {
    }

    /** The name in the standard ("CT Image Storage"), or {@code null} for an unknown UID. */
    public static String nameOf(String uid) {
        UidTable.Entry e = UidTable.get(uid);
        return e == null ? null : e.name();
    }

    /** The constant's name in this class ("CTImageStorage"), or {@code null} for an unknown UID. */
    public static String keywordOf(String uid) {
        UidTable.Entry e = UidTable.get(uid);
        return e == null ? null : e.keyword();
    }

    /** The UID of a keyword of this class, or {@code null}. */
    public static String forKeyword(String keyword) {
        return UidTable.forKeyword(keyword);
    }

    /** True for the storage SOP classes of PS3.4 Annex B. */
    public static boolean isStorageSopClass(String uid) {
        UidTable.Entry e = UidTable.get(uid);
        return e != null && e.type() == UidTable.Type.STORAGE_SOP_CLASS;
    }

    /** True if the UID is known and marked retired in the standard. */
    public static boolean isRetired(String uid) {
        UidTable.Entry e = UidTable.get(uid);
        return e != null && e.retired();
    }

    /** Implicit VR Little Endian, TransferSyntax */
    public static final String ImplicitVRLittleEndian = "1.2.840.10008.1.2";

    /** Explicit VR Little Endian, TransferSyntax */
    public static final String ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";

    /** Encapsulated Uncompressed Explicit VR Little Endian, TransferSyntax */
    public static final String EncapsulatedUncompressedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.98";

    /** Deflated Explicit VR Little Endian, TransferSyntax */
    public static final String DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";

    /** Explicit VR Big Endian (retired), TransferSyntax */
    public static final String ExplicitVRBigEndian = "1.2.840.10008.1.2.2";

    /** JPEG Baseline (Process 1), TransferSyntax */
    public static final String JPEGBaseline8Bit = "1.2.840.10008.1.2.4.50";

    /** JPEG Extended (Process 2 &amp; 4), TransferSyntax */
    public static final String JPEGExtended12Bit = "1.2.840.10008.1.2.4.51";

    /** JPEG Extended (Process 3 &amp; 5) (retired), TransferSyntax */
    public static final String JPEGExtended35 = "1.2.840.10008.1.2.4.52";

    /** JPEG Spectral Selection, Non-Hierarchical (Process 6 &amp; 8) (retired), TransferSyntax */
    public static final String JPEGSpectralSelectionNonHierarchical68 = "1.2.840.10008.1.2.4.53";

    /** JPEG Spectral Selection, Non-Hierarchical (Process 7 &amp; 9) (retired), TransferSyntax */
    public static final String JPEGSpectralSelectionNonHierarchical79 = "1.2.840.10008.1.2.4.54";

    /** JPEG Full Progression, Non-Hierarchical (Process 10 &amp; 12) (retired), TransferSyntax */
    public static final String JPEGFullProgressionNonHierarchical1012 = "1.2.840.10008.1.2.4.55";

    /** JPEG Full Progression, Non-Hierarchical (Process 11 &amp; 13) (retired), TransferSyntax */
    public static final String JPEGFullProgressionNonHierarchical1113 = "1.2.840.10008.1.2.4.56";

    /** JPEG Lossless, Non-Hierarchical (Process 14), TransferSyntax */
    public static final String JPEGLossless = "1.2.840.10008.1.2.4.57";

    /** JPEG Lossless, Non-Hierarchical (Process 15) (retired), TransferSyntax */
    public static final String JPEGLosslessNonHierarchical15 = "1.2.840.10008.1.2.4.58";

    /** JPEG Extended, Hierarchical (Process 16 &amp; 18) (retired), TransferSyntax */
    public static final String JPEGExtendedHierarchical1618 = "1.2.840.10008.1.2.4.59";

    /** JPEG Extended, Hierarchical (Process 17 &amp; 19) (retired), TransferSyntax */
    public static final String JPEGExtendedHierarchical1719 = "1.2.840.10008.1.2.4.60";

    /** JPEG Spectral Selection, Hierarchical (Process 20 &amp; 22) (retired), TransferSyntax */
    public static final String JPEGSpectralSelectionHierarchical2022 = "1.2.840.10008.1.2.4.61";

    /** JPEG Spectral Selection, Hierarchical (Process 21 &amp; 23) (retired), TransferSyntax */
    public static final String JPEGSpectralSelectionHierarchical2123 = "1.2.840.10008.1.2.4.62";

    /** JPEG Full Progression, Hierarchical (Process 24 &amp; 26) (retired), TransferSyntax */
    public static final String JPEGFullProgressionHierarchical2426 = "1.2.840.10008.1.2.4.63";

    /** JPEG Full Progression, Hierarchical (Process 25 &amp; 27) (retired), TransferSyntax */
    public static final String JPEGFullProgressionHierarchical2527 = "1.2.840.10008.1.2.4.64";

    /** JPEG Lossless, Hierarchical (Process 28) (retired), TransferSyntax */
    public static final String JPEGLosslessHierarchical28 = "1.2.840.10008.1.2.4.65";

    /** JPEG Lossless, Hierarchical (Process 29) (retired), TransferSyntax */
    public static final String JPEGLosslessHierarchical29 = "1.2.840.10008.1.2.4.66";

    /** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1]), TransferSyntax */
    public static final String JPEGLosslessSV1 = "1.2.840.10008.1.2.4.70";

    /** JPEG-LS Lossless Image Compression, TransferSyntax */
    public static final String JPEGLSLossless = "1.2.840.10008.1.2.4.80";

    /** JPEG-LS Lossy (Near-Lossless) Image Compression, TransferSyntax */
    public static final String JPEGLSNearLossless = "1.2.840.10008.1.2.4.81";

    /** JPEG 2000 Image Compression (Lossless Only), TransferSyntax */
    public static final String JPEG2000Lossless = "1.2.840.10008.1.2.4.90";

    /** JPEG 2000 Image Compression, TransferSyntax */
    public static final String JPEG2000 = "1.2.840.10008.1.2.4.91";

    /** JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only), TransferSyntax */
    public static final String JPEG2000MCLossless = "1.2.840.10008.1.2.4.92";

    /** JPEG 2000 Part 2 Multi-component Image Compression, TransferSyntax */
    public static final String JPEG2000MC = "1.2.840.10008.1.2.4.93";

    /** JPIP Referenced, TransferSyntax */
    public static final String JPIPReferenced = "1.2.840.10008.1.2.4.94";

    /** JPIP Referenced Deflate, TransferSyntax */
    public static final String JPIPReferencedDeflate = "1.2.840.10008.1.2.4.95";

    /** MPEG2 Main Profile / Main Level, TransferSyntax */
    public static final String MPEG2MPML = "1.2.840.10008.1.2.4.100";

    /** Fragmentable MPEG2 Main Profile / Main Level, TransferSyntax */
    public static final String MPEG2MPMLF = "1.2.840.10008.1.2.4.100.1";

    /** MPEG2 Main Profile / High Level, TransferSyntax */
    public static final String MPEG2MPHL = "1.2.840.10008.1.2.4.101";

    /** Fragmentable MPEG2 Main Profile / High Level, TransferSyntax */
    public static final String MPEG2MPHLF = "1.2.840.10008.1.2.4.101.1";

    /** MPEG-4 AVC/H.264 High Profile / Level 4.1, TransferSyntax */
    public static final String MPEG4HP41 = "1.2.840.10008.1.2.4.102";

    /** Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1, TransferSyntax */
    public static final String MPEG4HP41F = "1.2.840.10008.1.2.4.102.1";

    /** MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1, TransferSyntax */
    public static final String MPEG4HP41BD = "1.2.840.10008.1.2.4.103";

    /** Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1, TransferSyntax */
    public static final String MPEG4HP41BDF = "1.2.840.10008.1.2.4.103.1";

    /** MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video, TransferSyntax */
    public static final String MPEG4HP422D = "1.2.840.10008.1.2.4.104";

    /** Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video, TransferSyntax */
    public static final String MPEG4HP422DF = "1.2.840.10008.1.2.4.104.1";

    /** MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video, TransferSyntax */
    public static final String MPEG4HP423D = "1.2.840.10008.1.2.4.105";

    /** Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video, TransferSyntax */
    public static final String MPEG4HP423DF = "1.2.840.10008.1.2.4.105.1";

    /** MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2, TransferSyntax */
    public static final String MPEG4HP42STEREO = "1.2.840.10008.1.2.4.106";

    /** Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2, TransferSyntax */
    public static final String MPEG4HP42STEREOF = "1.2.840.10008.1.2.4.106.1";

    /** HEVC/H.265 Main Profile / Level 5.1, TransferSyntax */
    public static final String HEVCMP51 = "1.2.840.10008.1.2.4.107";

    /** HEVC/H.265 Main 10 Profile / Level 5.1, TransferSyntax */
    public static final String HEVCM10P51 = "1.2.840.10008.1.2.4.108";

    /** JPEG XL Lossless, TransferSyntax */
    public static final String JPEGXLLossless = "1.2.840.10008.1.2.4.110";

    /** JPEG XL JPEG Recompression, TransferSyntax */
    public static final String JPEGXLJPEGRecompression = "1.2.840.10008.1.2.4.111";

    /** JPEG XL, TransferSyntax */
    public static final String JPEGXL = "1.2.840.10008.1.2.4.112";

    /** High-Throughput JPEG 2000 Image Compression (Lossless Only), TransferSyntax */
    public static final String HTJ2KLossless = "1.2.840.10008.1.2.4.201";

    /** High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only), TransferSyntax */
    public static final String HTJ2KLosslessRPCL = "1.2.840.10008.1.2.4.202";

    /** High-Throughput JPEG 2000 Image Compression, TransferSyntax */
    public static final String HTJ2K = "1.2.840.10008.1.2.4.203";

    /** JPIP HTJ2K Referenced, TransferSyntax */
    public static final String JPIPHTJ2KReferenced = "1.2.840.10008.1.2.4.204";

    /** JPIP HTJ2K Referenced Deflate, TransferSyntax */
    public static final String JPIPHTJ2KReferencedDeflate = "1.2.840.10008.1.2.4.205";

    /** RLE Lossless, TransferSyntax */
    public static final String RLELossless = "1.2.840.10008.1.2.5";

    /** RFC 2557 MIME encapsulation (retired), TransferSyntax */
    public static final String RFC2557MIMEEncapsulation = "1.2.840.10008.1.2.6.1";

    /** XML Encoding (retired), TransferSyntax */
    public static final String XMLEncoding = "1.2.840.10008.1.2.6.2";

    /** SMPTE ST 2110-20 Uncompressed Progressive Active Video, TransferSyntax */
    public static final String SMPTEST211020UncompressedProgressiveActiveVideo = "1.2.840.10008.1.2.7.1";

    /** SMPTE ST 2110-20 Uncompressed Interlaced Active Video, TransferSyntax */
    public static final String SMPTEST211020UncompressedInterlacedActiveVideo = "1.2.840.10008.1.2.7.2";

    /** SMPTE ST 2110-30 PCM Digital Audio, TransferSyntax */
    public static final String SMPTEST211030PCMDigitalAudio = "1.2.840.10008.1.2.7.3";

    /** Deflated Image Frame Compression, TransferSyntax */
    public static final String DeflatedImageFrameCompression = "1.2.840.10008.1.2.8.1";

    /** Papyrus 3 Implicit VR Little Endian (retired), TransferSyntax */
    public static final String Papyrus3ImplicitVRLittleEndian = "1.2.840.10008.1.20";

    /** Verification SOP Class, SOPClass */
    public static final String Verification = "1.2.840.10008.1.1";

    /** Storage Commitment Push Model SOP Class, SOPClass */
    public static final String StorageCommitmentPushModel = "1.2.840.10008.1.20.1";

    /** Storage Commitment Push Model SOP Instance, WellKnownSOPInstance */
    public static final String StorageCommitmentPushModelInstance = "1.2.840.10008.1.20.1.1";

    /** DICOM Application Context Name, ApplicationContextName */
    public static final String DICOMApplicationContext = "1.2.840.10008.3.1.1.1";

    /** Modality Performed Procedure Step SOP Class, SOPClass */
    public static final String ModalityPerformedProcedureStep = "1.2.840.10008.3.1.2.3.3";

    /** Patient Root Query/Retrieve Information Model - FIND, SOPClass */
    public static final String PatientRootQueryRetrieveInformationModelFind = "1.2.840.10008.5.1.4.1.2.1.1";

    /** Patient Root Query/Retrieve Information Model - MOVE, SOPClass */
    public static final String PatientRootQueryRetrieveInformationModelMove = "1.2.840.10008.5.1.4.1.2.1.2";

    /** Patient Root Query/Retrieve Information Model - GET, SOPClass */
    public static final String PatientRootQueryRetrieveInformationModelGet = "1.2.840.10008.5.1.4.1.2.1.3";

    /** Study Root Query/Retrieve Information Model - FIND, SOPClass */
    public static final String StudyRootQueryRetrieveInformationModelFind = "1.2.840.10008.5.1.4.1.2.2.1";

    /** Study Root Query/Retrieve Information Model - MOVE, SOPClass */
    public static final String StudyRootQueryRetrieveInformationModelMove = "1.2.840.10008.5.1.4.1.2.2.2";

    /** Study Root Query/Retrieve Information Model - GET, SOPClass */
    public static final String StudyRootQueryRetrieveInformationModelGet = "1.2.840.10008.5.1.4.1.2.2.3";

    /** Patient/Study Only Query/Retrieve Information Model - FIND (retired), SOPClass */
    public static final String PatientStudyOnlyQueryRetrieveInformationModelFind = "1.2.840.10008.5.1.4.1.2.3.1";

    /** Patient/Study Only Query/Retrieve Information Model - MOVE (retired), SOPClass */
    public static final String PatientStudyOnlyQueryRetrieveInformationModelMove = "1.2.840.10008.5.1.4.1.2.3.2";

    /** Patient/Study Only Query/Retrieve Information Model - GET (retired), SOPClass */
    public static final String PatientStudyOnlyQueryRetrieveInformationModelGet = "1.2.840.10008.5.1.4.1.2.3.3";

    /** Composite Instance Root Retrieve - MOVE, SOPClass */
    public static final String CompositeInstanceRootRetrieveMove = "1.2.840.10008.5.1.4.1.2.4.2";

    /** Composite Instance Root Retrieve - GET, SOPClass */
    public static final String CompositeInstanceRootRetrieveGet = "1.2.840.10008.5.1.4.1.2.4.3";

    /** Composite Instance Retrieve Without Bulk Data - GET, SOPClass */
    public static final String CompositeInstanceRetrieveWithoutBulkDataGet = "1.2.840.10008.5.1.4.1.2.5.3";

    /** Modality Worklist Information Model - FIND, SOPClass */
    public static final String ModalityWorklistInformationModelFind = "1.2.840.10008.5.1.4.31";

    /** Instance Availability Notification SOP Class, SOPClass */
    public static final String InstanceAvailabilityNotification = "1.2.840.10008.5.1.4.33";

    /** Hanging Protocol Information Model - FIND, SOPClass */
    public static final String HangingProtocolInformationModelFind = "1.2.840.10008.5.1.4.38.2";

    /** Hanging Protocol Information Model - MOVE, SOPClass */
    public static final String HangingProtocolInformationModelMove = "1.2.840.10008.5.1.4.38.3";

    /** Hanging Protocol Information Model - GET, SOPClass */
    public static final String HangingProtocolInformationModelGet = "1.2.840.10008.5.1.4.38.4";

    /** Computed Radiography Image Storage, StorageSOPClass */
    public static final String ComputedRadiographyImageStorage = "1.2.840.10008.5.1.4.1.1.1";

    /** Digital X-Ray Image Storage - For Presentation, StorageSOPClass */
    public static final String DigitalXRayImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.1.1";

    /** Digital X-Ray Image Storage - For Processing, StorageSOPClass */
    public static final String DigitalXRayImageStorageForProcessing = "1.2.840.10008.5.1.4.1.1.1.1.1";

    /** Digital Mammography X-Ray Image Storage - For Presentation, StorageSOPClass */
    public static final String DigitalMammographyXRayImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.1.2";

    /** Digital Mammography X-Ray Image Storage - For Processing, StorageSOPClass */
    public static final String DigitalMammographyXRayImageStorageForProcessing = "1.2.840.10008.5.1.4.1.1.1.2.1";

    /** Digital Intra-Oral X-Ray Image Storage - For Presentation, StorageSOPClass */
    public static final String DigitalIntraOralXRayImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.1.3";

    /** Digital Intra-Oral X-Ray Image Storage - For Processing, StorageSOPClass */
    public static final String DigitalIntraOralXRayImageStorageForProcessing = "1.2.840.10008.5.1.4.1.1.1.3.1";

    /** CT Image Storage, StorageSOPClass */
    public static final String CTImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    /** Enhanced CT Image Storage, StorageSOPClass */
    public static final String EnhancedCTImageStorage = "1.2.840.10008.5.1.4.1.1.2.1";

    /** Legacy Converted Enhanced CT Image Storage, StorageSOPClass */
    public static final String LegacyConvertedEnhancedCTImageStorage = "1.2.840.10008.5.1.4.1.1.2.2";

    /** Ultrasound Multi-frame Image Storage, StorageSOPClass */
    public static final String UltrasoundMultiFrameImageStorage = "1.2.840.10008.5.1.4.1.1.3.1";

    /** MR Image Storage, StorageSOPClass */
    public static final String MRImageStorage = "1.2.840.10008.5.1.4.1.1.4";

    /** Enhanced MR Image Storage, StorageSOPClass */
    public static final String EnhancedMRImageStorage = "1.2.840.10008.5.1.4.1.1.4.1";

    /** MR Spectroscopy Storage, StorageSOPClass */
    public static final String MRSpectroscopyStorage = "1.2.840.10008.5.1.4.1.1.4.2";

    /** Enhanced MR Color Image Storage, StorageSOPClass */
    public static final String EnhancedMRColorImageStorage = "1.2.840.10008.5.1.4.1.1.4.3";

    /** Legacy Converted Enhanced MR Image Storage, StorageSOPClass */
    public static final String LegacyConvertedEnhancedMRImageStorage = "1.2.840.10008.5.1.4.1.1.4.4";

    /** Ultrasound Image Storage, StorageSOPClass */
    public static final String UltrasoundImageStorage = "1.2.840.10008.5.1.4.1.1.6.1";

    /** Enhanced US Volume Storage, StorageSOPClass */
    public static final String EnhancedUSVolumeStorage = "1.2.840.10008.5.1.4.1.1.6.2";

    /** Photoacoustic Image Storage, StorageSOPClass */
    public static final String PhotoacousticImageStorage = "1.2.840.10008.5.1.4.1.1.6.3";

    /** Secondary Capture Image Storage, StorageSOPClass */
    public static final String SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";

    /** Multi-frame Single Bit Secondary Capture Image Storage, StorageSOPClass */
    public static final String MultiFrameSingleBitSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.1";

    /** Multi-frame Grayscale Byte Secondary Capture Image Storage, StorageSOPClass */
    public static final String MultiFrameGrayscaleByteSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.2";

    /** Multi-frame Grayscale Word Secondary Capture Image Storage, StorageSOPClass */
    public static final String MultiFrameGrayscaleWordSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.3";

    /** Multi-frame True Color Secondary Capture Image Storage, StorageSOPClass */
    public static final String MultiFrameTrueColorSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.4";

    /** 12-lead ECG Waveform Storage, StorageSOPClass */
    public static final String _12LeadECGWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.1.1";

    /** General ECG Waveform Storage, StorageSOPClass */
    public static final String GeneralECGWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.1.2";

    /** Ambulatory ECG Waveform Storage, StorageSOPClass */
    public static final String AmbulatoryECGWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.1.3";

    /** General 32-bit ECG Waveform Storage, StorageSOPClass */
    public static final String General32BitECGWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.1.4";

    /** Hemodynamic Waveform Storage, StorageSOPClass */
    public static final String HemodynamicWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.2.1";

    /** Cardiac Electrophysiology Waveform Storage, StorageSOPClass */
    public static final String CardiacElectrophysiologyWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.3.1";

    /** Basic Voice Audio Waveform Storage, StorageSOPClass */
    public static final String BasicVoiceAudioWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.4.1";

    /** General Audio Waveform Storage, StorageSOPClass */
    public static final String GeneralAudioWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.4.2";

    /** Arterial Pulse Waveform Storage, StorageSOPClass */
    public static final String ArterialPulseWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.5.1";

    /** Respiratory Waveform Storage, StorageSOPClass */
    public static final String RespiratoryWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.6.1";

    /** Multi-channel Respiratory Waveform Storage, StorageSOPClass */
    public static final String MultiChannelRespiratoryWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.6.2";

    /** Routine Scalp Electroencephalogram Waveform Storage, StorageSOPClass */
    public static final String RoutineScalpElectroencephalogramWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.7.1";

    /** Electromyogram Waveform Storage, StorageSOPClass */
    public static final String ElectromyogramWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.7.2";

    /** Electrooculogram Waveform Storage, StorageSOPClass */
    public static final String ElectrooculogramWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.7.3";

    /** Sleep Electroencephalogram Waveform Storage, StorageSOPClass */
    public static final String SleepElectroencephalogramWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.7.4";

    /** Body Position Waveform Storage, StorageSOPClass */
    public static final String BodyPositionWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.8.1";

    /** Grayscale Softcopy Presentation State Storage, StorageSOPClass */
    public static final String GrayscaleSoftcopyPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.1";

    /** Color Softcopy Presentation State Storage, StorageSOPClass */
    public static final String ColorSoftcopyPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.2";

    /** Pseudo-Color Softcopy Presentation State Storage, StorageSOPClass */
    public static final String PseudoColorSoftcopyPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.3";

    /** Blending Softcopy Presentation State Storage, StorageSOPClass */
    public static final String BlendingSoftcopyPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.4";

    /** XA/XRF Grayscale Softcopy Presentation State Storage, StorageSOPClass */
    public static final String XAXRFGrayscaleSoftcopyPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.5";

    /** Grayscale Planar MPR Volumetric Presentation State Storage, StorageSOPClass */
    public static final String GrayscalePlanarMPRVolumetricPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.6";

    /** Compositing Planar MPR Volumetric Presentation State Storage, StorageSOPClass */
    public static final String CompositingPlanarMPRVolumetricPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.7";

    /** Advanced Blending Presentation State Storage, StorageSOPClass */
    public static final String AdvancedBlendingPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.8";

    /** Volume Rendering Volumetric Presentation State Storage, StorageSOPClass */
    public static final String VolumeRenderingVolumetricPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.9";

    /** Segmented Volume Rendering Volumetric Presentation State Storage, StorageSOPClass */
    public static final String SegmentedVolumeRenderingVolumetricPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.10";

    /** Multiple Volume Rendering Volumetric Presentation State Storage, StorageSOPClass */
    public static final String MultipleVolumeRenderingVolumetricPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.11";

    /** Variable Modality LUT Softcopy Presentation State Storage, StorageSOPClass */
    public static final String VariableModalityLUTSoftcopyPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.12";

    /** X-Ray Angiographic Image Storage, StorageSOPClass */
    public static final String XRayAngiographicImageStorage = "1.2.840.10008.5.1.4.1.1.12.1";

    /** Enhanced XA Image Storage, StorageSOPClass */
    public static final String EnhancedXAImageStorage = "1.2.840.10008.5.1.4.1.1.12.1.1";

    /** X-Ray Radiofluoroscopic Image Storage, StorageSOPClass */
    public static final String XRayRadiofluoroscopicImageStorage = "1.2.840.10008.5.1.4.1.1.12.2";

    /** Enhanced XRF Image Storage, StorageSOPClass */
    public static final String EnhancedXRFImageStorage = "1.2.840.10008.5.1.4.1.1.12.2.1";

    /** X-Ray 3D Angiographic Image Storage, StorageSOPClass */
    public static final String XRay3DAngiographicImageStorage = "1.2.840.10008.5.1.4.1.1.13.1.1";

    /** X-Ray 3D Craniofacial Image Storage, StorageSOPClass */
    public static final String XRay3DCraniofacialImageStorage = "1.2.840.10008.5.1.4.1.1.13.1.2";

    /** Breast Tomosynthesis Image Storage, StorageSOPClass */
    public static final String BreastTomosynthesisImageStorage = "1.2.840.10008.5.1.4.1.1.13.1.3";

    /** Breast Projection X-Ray Image Storage - For Presentation, StorageSOPClass */
    public static final String BreastProjectionXRayImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.13.1.4";

    /** Breast Projection X-Ray Image Storage - For Processing, StorageSOPClass */
    public static final String BreastProjectionXRayImageStorageForProcessing = "1.2.840.10008.5.1.4.1.1.13.1.5";

    /** Intravascular Optical Coherence Tomography Image Storage - For Presentation, StorageSOPClass */
    public static final String IntravascularOpticalCoherenceTomographyImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.14.1";

    /** Intravascular Optical Coherence Tomography Image Storage - For Processing, StorageSOPClass */
    public static final String IntravascularOpticalCoherenceTomographyImageStorageForProcessing = "1.2.840.10008.5.1.4.1.1.14.2";

    /** Nuclear Medicine Image Storage, StorageSOPClass */
    public static final String NuclearMedicineImageStorage = "1.2.840.10008.5.1.4.1.1.20";

    /** Parametric Map Storage, StorageSOPClass */
    public static final String ParametricMapStorage = "1.2.840.10008.5.1.4.1.1.30";

    /** Raw Data Storage, StorageSOPClass */
    public static final String RawDataStorage = "1.2.840.10008.5.1.4.1.1.66";

    /** Spatial Registration Storage, StorageSOPClass */
    public static final String SpatialRegistrationStorage = "1.2.840.10008.5.1.4.1.1.66.1";

    /** Spatial Fiducials Storage, StorageSOPClass */
    public static final String SpatialFiducialsStorage = "1.2.840.10008.5.1.4.1.1.66.2";

    /** Deformable Spatial Registration Storage, StorageSOPClass */
    public static final String DeformableSpatialRegistrationStorage = "1.2.840.10008.5.1.4.1.1.66.3";

    /** Segmentation Storage, StorageSOPClass */
    public static final String SegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.4";

    /** Surface Segmentation Storage, StorageSOPClass */
    public static final String SurfaceSegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.5";

    /** Tractography Results Storage, StorageSOPClass */
    public static final String TractographyResultsStorage = "1.2.840.10008.5.1.4.1.1.66.6";

    /** Real World Value Mapping Storage, StorageSOPClass */
    public static final String RealWorldValueMappingStorage = "1.2.840.10008.5.1.4.1.1.67";

    /** Surface Scan Mesh Storage, StorageSOPClass */
    public static final String SurfaceScanMeshStorage = "1.2.840.10008.5.1.4.1.1.68.1";

    /** Surface Scan Point Cloud Storage, StorageSOPClass */
    public static final String SurfaceScanPointCloudStorage = "1.2.840.10008.5.1.4.1.1.68.2";

    /** VL Endoscopic Image Storage, StorageSOPClass */
    public static final String VLEndoscopicImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.1";

    /** Video Endoscopic Image Storage, StorageSOPClass */
    public static final String VideoEndoscopicImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.1.1";

    /** VL Microscopic Image Storage, StorageSOPClass */
    public static final String VLMicroscopicImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.2";

    /** Video Microscopic Image Storage, StorageSOPClass */
    public static final String VideoMicroscopicImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.2.1";

    /** VL Slide-Coordinates Microscopic Image Storage, StorageSOPClass */
    public static final String VLSlideCoordinatesMicroscopicImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.3";

    /** VL Photographic Image Storage, StorageSOPClass */
    public static final String VLPhotographicImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.4";

    /** Video Photographic Image Storage, StorageSOPClass */
    public static final String VideoPhotographicImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.4.1";

    /** Ophthalmic Photography 8 Bit Image Storage, StorageSOPClass */
    public static final String OphthalmicPhotography8BitImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.5.1";

    /** Ophthalmic Photography 16 Bit Image Storage, StorageSOPClass */
    public static final String OphthalmicPhotography16BitImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.5.2";

    /** Stereometric Relationship Storage, StorageSOPClass */
    public static final String StereometricRelationshipStorage = "1.2.840.10008.5.1.4.1.1.77.1.5.3";

    /** Ophthalmic Tomography Image Storage, StorageSOPClass */
    public static final String OphthalmicTomographyImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.5.4";

    /** Wide Field Ophthalmic Photography Stereographic Projection Image Storage, StorageSOPClass */
    public static final String WideFieldOphthalmicPhotographyStereographicProjectionImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.5.5";

    /** Wide Field Ophthalmic Photography 3D Coordinates Image Storage, StorageSOPClass */
    public static final String WideFieldOphthalmicPhotography3DCoordinatesImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.5.6";

    /** Ophthalmic Optical Coherence Tomography En Face Image Storage, StorageSOPClass */
    public static final String OphthalmicOpticalCoherenceTomographyEnFaceImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.5.7";

    /** Ophthalmic Optical Coherence Tomography B-scan Volume Analysis Storage, StorageSOPClass */
    public static final String OphthalmicOpticalCoherenceTomographyBScanVolumeAnalysisStorage = "1.2.840.10008.5.1.4.1.1.77.1.5.8";

    /** VL Whole Slide Microscopy Image Storage, StorageSOPClass */
    public static final String VLWholeSlideMicroscopyImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.6";

    /** Dermoscopic Photography Image Storage, StorageSOPClass */
    public static final String DermoscopicPhotographyImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.7";

    /** Confocal Microscopy Image Storage, StorageSOPClass */
    public static final String ConfocalMicroscopyImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.8";

    /** Confocal Microscopy Tiled Pyramidal Image Storage, StorageSOPClass */
    public static final String ConfocalMicroscopyTiledPyramidalImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.9";

    /** Lensometry Measurements Storage, StorageSOPClass */
    public static final String LensometryMeasurementsStorage = "1.2.840.10008.5.1.4.1.1.78.1";

    /** Autorefraction Measurements Storage, StorageSOPClass */
    public static final String AutorefractionMeasurementsStorage = "1.2.840.10008.5.1.4.1.1.78.2";

    /** Keratometry Measurements Storage, StorageSOPClass */
    public static final String KeratometryMeasurementsStorage = "1.2.840.10008.5.1.4.1.1.78.3";

    /** Subjective Refraction Measurements Storage, StorageSOPClass */
    public static final String SubjectiveRefractionMeasurementsStorage = "1.2.840.10008.5.1.4.1.1.78.4";

    /** Visual Acuity Measurements Storage, StorageSOPClass */
    public static final String VisualAcuityMeasurementsStorage = "1.2.840.10008.5.1.4.1.1.78.5";

    /** Spectacle Prescription Report Storage, StorageSOPClass */
    public static final String SpectaclePrescriptionReportStorage = "1.2.840.10008.5.1.4.1.1.78.6";

    /** Ophthalmic Axial Measurements Storage, StorageSOPClass */
    public static final String OphthalmicAxialMeasurementsStorage = "1.2.840.10008.5.1.4.1.1.78.7";

    /** Intraocular Lens Calculations Storage, StorageSOPClass */
    public static final String IntraocularLensCalculationsStorage = "1.2.840.10008.5.1.4.1.1.78.8";

    /** Macular Grid Thickness and Volume Report, StorageSOPClass */
    public static final String MacularGridThicknessAndVolumeReport = "1.2.840.10008.5.1.4.1.1.79.1";

    /** Ophthalmic Visual Field Static Perimetry Measurements Storage, StorageSOPClass */
    public static final String OphthalmicVisualFieldStaticPerimetryMeasurementsStorage = "1.2.840.10008.5.1.4.1.1.80.1";

    /** Ophthalmic Thickness Map Storage, StorageSOPClass */
    public static final String OphthalmicThicknessMapStorage = "1.2.840.10008.5.1.4.1.1.81.1";

    /** Corneal Topography Map Storage, StorageSOPClass */
    public static final String CornealTopographyMapStorage = "1.2.840.10008.5.1.4.1.1.82.1";

    /** Basic Text SR Storage, StorageSOPClass */
    public static final String BasicTextSRStorage = "1.2.840.10008.5.1.4.1.1.88.11";

    /** Enhanced SR Storage, StorageSOPClass */
    public static final String EnhancedSRStorage = "1.2.840.10008.5.1.4.1.1.88.22";

    /** Comprehensive SR Storage, StorageSOPClass */
    public static final String ComprehensiveSRStorage = "1.2.840.10008.5.1.4.1.1.88.33";

    /** Comprehensive 3D SR Storage, StorageSOPClass */
    public static final String Comprehensive3DSRStorage = "1.2.840.10008.5.1.4.1.1.88.34";

    /** Extensible SR Storage, StorageSOPClass */
    public static final String ExtensibleSRStorage = "1.2.840.10008.5.1.4.1.1.88.35";

    /** Procedure Log Storage, StorageSOPClass */
    public static final String ProcedureLogStorage = "1.2.840.10008.5.1.4.1.1.88.40";

    /** Mammography CAD SR Storage, StorageSOPClass */
    public static final String MammographyCADSRStorage = "1.2.840.10008.5.1.4.1.1.88.50";

    /** Key Object Selection Document Storage, StorageSOPClass */
    public static final String KeyObjectSelectionDocumentStorage = "1.2.840.10008.5.1.4.1.1.88.59";

    /** Chest CAD SR Storage, StorageSOPClass */
    public static final String ChestCADSRStorage = "1.2.840.10008.5.1.4.1.1.88.65";

    /** X-Ray Radiation Dose SR Storage, StorageSOPClass */
    public static final String XRayRadiationDoseSRStorage = "1.2.840.10008.5.1.4.1.1.88.67";

    /** Radiopharmaceutical Radiation Dose SR Storage, StorageSOPClass */
    public static final String RadiopharmaceuticalRadiationDoseSRStorage = "1.2.840.10008.5.1.4.1.1.88.68";

    /** Colon CAD SR Storage, StorageSOPClass */
    public static final String ColonCADSRStorage = "1.2.840.10008.5.1.4.1.1.88.69";

    /** Implantation Plan SR Storage, StorageSOPClass */
    public static final String ImplantationPlanSRStorage = "1.2.840.10008.5.1.4.1.1.88.70";

    /** Acquisition Context SR Storage, StorageSOPClass */
    public static final String AcquisitionContextSRStorage = "1.2.840.10008.5.1.4.1.1.88.71";

    /** Simplified Adult Echo SR Storage, StorageSOPClass */
    public static final String SimplifiedAdultEchoSRStorage = "1.2.840.10008.5.1.4.1.1.88.72";

    /** Patient Radiation Dose SR Storage, StorageSOPClass */
    public static final String PatientRadiationDoseSRStorage = "1.2.840.10008.5.1.4.1.1.88.73";

    /** Planned Imaging Agent Administration SR Storage, StorageSOPClass */
    public static final String PlannedImagingAgentAdministrationSRStorage = "1.2.840.10008.5.1.4.1.1.88.74";

    /** Performed Imaging Agent Administration SR Storage, StorageSOPClass */
    public static final String PerformedImagingAgentAdministrationSRStorage = "1.2.840.10008.5.1.4.1.1.88.75";

    /** Enhanced X-Ray Radiation Dose SR Storage, StorageSOPClass */
    public static final String EnhancedXRayRadiationDoseSRStorage = "1.2.840.10008.5.1.4.1.1.88.76";

    /** Content Assessment Results Storage, StorageSOPClass */
    public static final String ContentAssessmentResultsStorage = "1.2.840.10008.5.1.4.1.1.90.1";

    /** Microscopy Bulk Simple Annotations Storage, StorageSOPClass */
    public static final String MicroscopyBulkSimpleAnnotationsStorage = "1.2.840.10008.5.1.4.1.1.91.1";

    /** Encapsulated PDF Storage, StorageSOPClass */
    public static final String EncapsulatedPDFStorage = "1.2.840.10008.5.1.4.1.1.104.1";

    /** Encapsulated CDA Storage, StorageSOPClass */
    public static final String EncapsulatedCDAStorage = "1.2.840.10008.5.1.4.1.1.104.2";

    /** Encapsulated STL Storage, StorageSOPClass */
    public static final String EncapsulatedSTLStorage = "1.2.840.10008.5.1.4.1.1.104.3";

    /** Encapsulated OBJ Storage, StorageSOPClass */
    public static final String EncapsulatedOBJStorage = "1.2.840.10008.5.1.4.1.1.104.4";

    /** Encapsulated MTL Storage, StorageSOPClass */
    public static final String EncapsulatedMTLStorage = "1.2.840.10008.5.1.4.1.1.104.5";

    /** Positron Emission Tomography Image Storage, StorageSOPClass */
    public static final String PositronEmissionTomographyImageStorage = "1.2.840.10008.5.1.4.1.1.128";

    /** Enhanced PET Image Storage, StorageSOPClass */
    public static final String EnhancedPETImageStorage = "1.2.840.10008.5.1.4.1.1.130";

    /** Legacy Converted Enhanced PET Image Storage, StorageSOPClass */
    public static final String LegacyConvertedEnhancedPETImageStorage = "1.2.840.10008.5.1.4.1.1.128.1";

    /** Basic Structured Display Storage, StorageSOPClass */
    public static final String BasicStructuredDisplayStorage = "1.2.840.10008.5.1.4.1.1.131";

    /** CT Performed Procedure Protocol Storage, StorageSOPClass */
    public static final String CTPerformedProcedureProtocolStorage = "1.2.840.10008.5.1.4.1.1.200.2";

    /** XA Performed Procedure Protocol Storage, StorageSOPClass */
    public static final String XAPerformedProcedureProtocolStorage = "1.2.840.10008.5.1.4.1.1.200.8";

    /** RT Image Storage, StorageSOPClass */
    public static final String RTImageStorage = "1.2.840.10008.5.1.4.1.1.481.1";

    /** RT Dose Storage, StorageSOPClass */
    public static final String RTDoseStorage = "1.2.840.10008.5.1.4.1.1.481.2";

    /** RT Structure Set Storage, StorageSOPClass */
    public static final String RTStructureSetStorage = "1.2.840.10008.5.1.4.1.1.481.3";

    /** RT Beams Treatment Record Storage, StorageSOPClass */
    public static final String RTBeamsTreatmentRecordStorage = "1.2.840.10008.5.1.4.1.1.481.4";

    /** RT Plan Storage, StorageSOPClass */
    public static final String RTPlanStorage = "1.2.840.10008.5.1.4.1.1.481.5";

    /** RT Brachy Treatment Record Storage, StorageSOPClass */
    public static final String RTBrachyTreatmentRecordStorage = "1.2.840.10008.5.1.4.1.1.481.6";

    /** RT Treatment Summary Record Storage, StorageSOPClass */
    public static final String RTTreatmentSummaryRecordStorage = "1.2.840.10008.5.1.4.1.1.481.7";

    /** RT Ion Plan Storage, StorageSOPClass */
    public static final String RTIonPlanStorage = "1.2.840.10008.5.1.4.1.1.481.8";

    /** RT Ion Beams Treatment Record Storage, StorageSOPClass */
    public static final String RTIonBeamsTreatmentRecordStorage = "1.2.840.10008.5.1.4.1.1.481.9";

    /** RT Physician Intent Storage, StorageSOPClass */
    public static final String RTPhysicianIntentStorage = "1.2.840.10008.5.1.4.1.1.481.10";

    /** RT Segment Annotation Storage, StorageSOPClass */
    public static final String RTSegmentAnnotationStorage = "1.2.840.10008.5.1.4.1.1.481.11";

    /** RT Radiation Set Storage, StorageSOPClass */
    public static final String RTRadiationSetStorage = "1.2.840.10008.5.1.4.1.1.481.12";

    /** C-Arm Photon-Electron Radiation Storage, StorageSOPClass */
    public static final String CArmPhotonElectronRadiationStorage = "1.2.840.10008.5.1.4.1.1.481.13";

    /** Tomotherapeutic Radiation Storage, StorageSOPClass */
    public static final String TomotherapeuticRadiationStorage = "1.2.840.10008.5.1.4.1.1.481.14";

    /** Robotic-Arm Radiation Storage, StorageSOPClass */
    public static final String RoboticArmRadiationStorage = "1.2.840.10008.5.1.4.1.1.481.15";

    /** RT Radiation Record Set Storage, StorageSOPClass */
    public static final String RTRadiationRecordSetStorage = "1.2.840.10008.5.1.4.1.1.481.16";

    /** RT Radiation Salvage Record Storage, StorageSOPClass */
    public static final String RTRadiationSalvageRecordStorage = "1.2.840.10008.5.1.4.1.1.481.17";

    /** Tomotherapeutic Radiation Record Storage, StorageSOPClass */
    public static final String TomotherapeuticRadiationRecordStorage = "1.2.840.10008.5.1.4.1.1.481.18";

    /** C-Arm Photon-Electron Radiation Record Storage, StorageSOPClass */
    public static final String CArmPhotonElectronRadiationRecordStorage = "1.2.840.10008.5.1.4.1.1.481.19";

    /** Robotic Radiation Record Storage, StorageSOPClass */
    public static final String RoboticRadiationRecordStorage = "1.2.840.10008.5.1.4.1.1.481.20";

    /** RT Radiation Set Delivery Instruction Storage, StorageSOPClass */
    public static final String RTRadiationSetDeliveryInstructionStorage = "1.2.840.10008.5.1.4.1.1.481.21";

    /** RT Treatment Preparation Storage, StorageSOPClass */
    public static final String RTTreatmentPreparationStorage = "1.2.840.10008.5.1.4.1.1.481.22";

    /** Enhanced RT Image Storage, StorageSOPClass */
    public static final String EnhancedRTImageStorage = "1.2.840.10008.5.1.4.1.1.481.23";

    /** Enhanced Continuous RT Image Storage, StorageSOPClass */
    public static final String EnhancedContinuousRTImageStorage = "1.2.840.10008.5.1.4.1.1.481.24";

    /** RT Patient Position Acquisition Instruction Storage, StorageSOPClass */
    public static final String RTPatientPositionAcquisitionInstructionStorage = "1.2.840.10008.5.1.4.1.1.481.25";

    /** RT Beams Delivery Instruction Storage, StorageSOPClass */
    public static final String RTBeamsDeliveryInstructionStorage = "1.2.840.10008.5.1.4.34.7";

    /** RT Brachy Application Setup Delivery Instruction Storage, StorageSOPClass */
    public static final String RTBrachyApplicationSetupDeliveryInstructionStorage = "1.2.840.10008.5.1.4.34.10";

    /** Media Storage Directory Storage, StorageSOPClass */
    public static final String MediaStorageDirectoryStorage = "1.2.840.10008.1.3.10";

    /** Hanging Protocol Storage, StorageSOPClass */
    public static final String HangingProtocolStorage = "1.2.840.10008.5.1.4.38.1";

    /** Color Palette Storage, StorageSOPClass */
    public static final String ColorPaletteStorage = "1.2.840.10008.5.1.4.39.1";

    /** Generic Implant Template Storage, StorageSOPClass */
    public static final String GenericImplantTemplateStorage = "1.2.840.10008.5.1.4.43.1";

    /** Implant Assembly Template Storage, StorageSOPClass */
    public static final String ImplantAssemblyTemplateStorage = "1.2.840.10008.5.1.4.44.1";

    /** Implant Template Group Storage, StorageSOPClass */
    public static final String ImplantTemplateGroupStorage = "1.2.840.10008.5.1.4.45.1";

    /** CT Defined Procedure Protocol Storage, StorageSOPClass */
    public static final String CTDefinedProcedureProtocolStorage = "1.2.840.10008.5.1.4.1.1.200.1";

    /** Protocol Approval Storage, StorageSOPClass */
    public static final String ProtocolApprovalStorage = "1.2.840.10008.5.1.4.1.1.200.3";

    /** XA Defined Procedure Protocol Storage, StorageSOPClass */
    public static final String XADefinedProcedureProtocolStorage = "1.2.840.10008.5.1.4.1.1.200.7";

    /** Inventory Storage, StorageSOPClass */
    public static final String InventoryStorage = "1.2.840.10008.5.1.4.1.1.201.1";

}
