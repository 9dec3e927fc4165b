package org.xnat.router.importer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.router.testing.Pydicom;

/** The bare data set sniff on real data sets (cut by pydicom) and on things that only start like one. */
class DicomProbeTest {

    @TempDir
    Path dir;

    @Test
    void recognisesBareDataSetsInBothLittleEndianEncodings() throws Exception {
        Pydicom.assumeAvailable();
        for (String name : new String[] {"CT_small.dcm", "MR_small.dcm", "rtplan.dcm", "rtdose.dcm"}) {
            Path bare = Corpus.bare(Pydicom.corpus(name), dir.resolve(name + ".bare"));
            DicomProbe.Result r = DicomProbe.probe(bare);
            String sop = Pydicom.read(Pydicom.corpus(name), "SOPInstanceUID").get("SOPInstanceUID");
            assertThat(r.readable()).as(name + ": " + r.error()).isTrue();
            assertThat(r.layout()).isEqualTo(DicomProbe.Layout.BARE);
            assertThat(r.get(org.xnat.dicom.data.Tag.SOPInstanceUID)).isEqualTo(sop);
            // pydicom's corpus: CT_small and MR_small are explicit VR, the RT files implicit VR little endian
            TransferSyntax expected = name.startsWith("rt") ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN
                    : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
            assertThat(r.transferSyntax()).as(name).isEqualTo(expected);
        }
    }

    @Test
    void leavesOtherFilesAlone() throws Exception {
        Path text = Files.writeString(dir.resolve("a.txt"), "hello world, this is text and not a data set\n");
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        byte[] noise = new byte[8192];
        Random random = new Random(7);
        int accepted = 0;
        for (int i = 0; i < 200; i++) {
            random.nextBytes(noise);
            noise[0] = 0x08; // every one starts like group 0008
            noise[1] = 0x00;
            Path p = Files.write(dir.resolve("noise"), noise);
            if (DicomProbe.probe(p).dicom()) {
                accepted++;
            }
        }
        assertThat(accepted).as("random files taken for data sets").isZero();
        assertThat(DicomProbe.probe(text).dicom()).isFalse();
        assertThat(DicomProbe.probe(empty).dicom()).isFalse();
        Path png = Files.write(dir.resolve("x.png"), "\u0089PNG\r\n\u001a\n....".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(DicomProbe.probe(png).dicom()).isFalse();
    }
}
