package org.xnat.dicom.dict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferSyntaxTest {

    @Test
    void uncompressedTransferSyntaxesEncodeAsThePs35Says() {
        TransferSyntax implicit = TransferSyntax.forUid("1.2.840.10008.1.2");
        assertThat(implicit).isSameAs(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(implicit.isExplicitVR()).isFalse();
        assertThat(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.isBigEndian()).isTrue();
        assertThat(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.isRetired()).isTrue();
        assertThat(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.isDeflated()).isTrue();
        assertThat(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.isEncapsulated()).isFalse();
        assertThat(TransferSyntax.all().stream().filter(TransferSyntax::isUncompressed)).hasSize(4);
    }

    @Test
    void everyCompressedTransferSyntaxIsKnown() {
        for (String uid : new String[] {UID.JPEGBaseline8Bit, UID.JPEGLSLossless, UID.JPEG2000, UID.RLELossless,
            UID.MPEG2MPML, UID.MPEG4HP41, UID.HEVCMP51, UID.HEVCM10P51, UID.HTJ2K, UID.JPEGXL,
            UID.DeflatedImageFrameCompression}) {
            TransferSyntax ts = TransferSyntax.forUid(uid);
            assertThat(ts.isKnown()).as(uid).isTrue();
            assertThat(ts.isEncapsulated()).as(uid).isTrue();
            assertThat(ts.isExplicitVR()).as(uid).isTrue();
            assertThat(ts.name()).isEqualTo(UID.nameOf(uid));
        }
        assertThat(TransferSyntax.forUid(UID.JPIPReferencedDeflate).isDeflated()).isTrue();
        assertThat(TransferSyntax.forUid(UID.JPIPReferenced).isEncapsulated()).isFalse();
        assertThat(TransferSyntax.all()).hasSizeGreaterThan(60);
    }

    @Test
    void unknownTransferSyntaxDefaultsToExplicitLittleEndianEncapsulated() {
        TransferSyntax ts = TransferSyntax.forUid("1.2.3.4.5 ");
        assertThat(ts.isKnown()).isFalse();
        assertThat(ts.uid()).isEqualTo("1.2.3.4.5");
        assertThat(ts.isExplicitVR()).isTrue();
        assertThat(ts.isBigEndian()).isFalse();
        assertThat(ts.isEncapsulated()).isTrue();
    }

    @Test
    void uidRegistryKnowsStorageSopClassesFromTheStandard() {
        assertThat(UID.CTImageStorage).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(UID.isStorageSopClass(UID.CTImageStorage)).isTrue();
        assertThat(UID.isStorageSopClass(UID.Verification)).isFalse();
        assertThat(UID.nameOf(UID.MRImageStorage)).isEqualTo("MR Image Storage");
        assertThat(UID.forKeyword("SegmentationStorage")).isEqualTo("1.2.840.10008.5.1.4.1.1.66.4");
        assertThat(UID.nameOf("1.2.3")).isNull();
        assertThat(StorageSopClasses.all()).hasSizeGreaterThan(150).contains(UID.CTImageStorage)
                .doesNotContain(UID.Verification);
    }
}
