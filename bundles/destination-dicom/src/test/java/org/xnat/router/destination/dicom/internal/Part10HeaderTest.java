package org.xnat.router.destination.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class Part10HeaderTest {

    private static InputStream stream(byte[] b) {
        return new BufferedInputStream(new ByteArrayInputStream(b));
    }

    /** Preamble, DICM, and elements written by hand (Explicit VR LE). */
    private static ByteArrayOutputStream part10() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        return out;
    }

    private static void shortElement(ByteArrayOutputStream out, int element, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(new byte[] {2, 0, (byte) element, (byte) (element >> 8), (byte) vr.charAt(0), (byte) vr.charAt(1),
                (byte) v.length, (byte) (v.length >> 8)});
        out.writeBytes(v);
    }

    @Test
    void readsTheCorpusFilesMetaAndStopsAtTheDataset() throws Exception {
        Pydicom.assumeAvailable();
        for (String name : StorescpDeliveryTest.CORPUS) {
            byte[] file = Files.readAllBytes(Pydicom.corpus(name));
            InputStream in = stream(file);
            Part10Header h = Part10Header.read(in);
            var expected = Pydicom.uids(Pydicom.corpus(name));
            assertThat(h.sopClassUid()).isEqualTo(expected.get("MediaStorageSOPClassUID"));
            assertThat(h.sopInstanceUid()).isEqualTo(expected.get("MediaStorageSOPInstanceUID"));
            assertThat(h.transferSyntaxUid()).isEqualTo(expected.get("TransferSyntaxUID"));
            assertThat(in.readAllBytes()).isEqualTo(Storescp.datasetBytes(Pydicom.corpus(name)));
        }
    }

    @Test
    void stripsNulAndSpacePadding() throws Exception {
        ByteArrayOutputStream out = part10();
        shortElement(out, 0x0002, "UI", "1.2.3\0");
        shortElement(out, 0x0003, "UI", "4.5 ");
        shortElement(out, 0x0010, "UI", "1.2.840.10008.1.2\0");
        out.writeBytes(new byte[] {8, 0, 0x16, 0});
        InputStream in = stream(out.toByteArray());
        assertThat(Part10Header.read(in)).isEqualTo(new Part10Header("1.2.3", "4.5", "1.2.840.10008.1.2"));
        assertThat(in.readAllBytes()).containsExactly(8, 0, 0x16, 0);
    }

    @Test
    void refusesWhatIsNotPart10() {
        assertThatThrownBy(() -> Part10Header.read(stream(new byte[10]))).isInstanceOf(Part10Header.FormatException.class)
                .hasMessageContaining("DICM");
        assertThatThrownBy(() -> Part10Header.read(stream(new byte[500]))).isInstanceOf(Part10Header.FormatException.class)
                .hasMessageContaining("DICM");
        ByteArrayOutputStream noTs = part10();
        shortElement(noTs, 0x0002, "UI", "1.2.3\0");
        assertThatThrownBy(() -> Part10Header.read(stream(noTs.toByteArray())))
                .isInstanceOf(Part10Header.FormatException.class).hasMessageContaining("Transfer Syntax UID");
    }

    @Test
    void aHostileLengthIsRefusedWithoutAllocatingIt() {
        ByteArrayOutputStream out = part10();
        // (0002,0001) OB with a 4 GB length
        out.writeBytes(new byte[] {2, 0, 1, 0, 'O', 'B', 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        assertThatThrownBy(() -> Part10Header.read(stream(out.toByteArray())))
                .isInstanceOf(Part10Header.FormatException.class).hasMessageContaining("longer than");
    }

    @Test
    void truncationAtEveryOffsetIsAFormatError() throws Exception {
        ByteArrayOutputStream out = part10();
        shortElement(out, 0x0002, "UI", "1.2.3\0");
        shortElement(out, 0x0010, "UI", "1.2.840.10008.1.2\0");
        byte[] whole = out.toByteArray();
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> Part10Header.read(stream(part))).as("cut at %d", cut)
                    .isInstanceOf(Part10Header.FormatException.class);
        }
    }
}
