package org.xnat.router.routing.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingException;
import org.xnat.router.routing.internal.delivery.QueueRow;

class InstancePreparerTest {

    private static final int TRAILING_CREATOR = 0x7FE10010;
    private static final int TRAILING_VALUE = 0x7FE11001;

    @TempDir
    Path dir;

    /** A spooled instance with 2 MB of pixel data (more than the in-memory threshold) and a private element after it. */
    private Path spooled(byte[] pixels) throws IOException {
        Attributes ds = new Attributes();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4");
        ds.setString(Tag.PatientName, VR.PN, "Doe^Jane");
        ds.setString(Tag.PatientID, VR.LO, "MRN7");
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        ds.setString(TRAILING_CREATOR, VR.LO, "ACME");
        ds.setString(TRAILING_VALUE, VR.LO, "Doe^Jane again");
        Path f = dir.resolve("spooled.dcm");
        Attributes fmi = FileMetaInformation.create(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        fmi.setString(Tag.SourceApplicationEntityTitle, VR.AE, "SCANNER_7");
        try (OutputStream out = Files.newOutputStream(f); DicomWriter w = new DicomWriter(out)) {
            w.writeFileMetaInformation(fmi);
            w.writeDataset(ds);
        }
        return f;
    }

    private static byte[] pixels() {
        byte[] b = new byte[2 << 20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    private static QueueRow row() {
        return new QueueRow(1, 1, "1.2.3.4.5", "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1", "x", 0, 1);
    }

    private InstancePreparer.Context context() {
        return InstancePreparer.context("R", "d", "C", "P1");
    }

    @Test
    void theWholeDatasetIsProcessedAndTheMetaInformationIsRebuiltFromIt() throws Exception {
        byte[] pixels = pixels();
        Path spooled = spooled(pixels);
        DatasetProcessor deid = (ds, ctx) -> {
            ds.setString(Tag.PatientName, VR.PN, "ANON");
            ds.remove(Tag.PatientID);
            ds.remove(TRAILING_CREATOR);
            ds.remove(TRAILING_VALUE);
            ds.setString(Tag.SOPInstanceUID, VR.UI, "2.25.1");
            ds.setString(Tag.StudyInstanceUID, VR.UI, "2.25.2");
            ctx.variables().put("subject", "S1");
        };
        PreparedInstance p = InstancePreparer.prepare(row(), spooled, dir, List.of(deid), context());
        assertThat(p.sopInstanceUid()).isEqualTo("2.25.1");
        assertThat(p.studyInstanceUid()).isEqualTo("2.25.2");
        assertThat(p.transferSyntaxUid()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        assertThat(p.size()).isEqualTo(Files.size(p.file()));
        assertThat(p.variables()).containsEntry("subject", "S1").containsEntry("project", "P1");
        try (DicomReader r = DicomReader.open(p.file())) {
            Attributes fmi = r.fileMetaInformation();
            Attributes ds = r.readDataset();
            assertThat(fmi.getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo("2.25.1");
            assertThat(fmi.contains(Tag.SourceApplicationEntityTitle)).as("nothing of the original meta kept").isFalse();
            assertThat(ds.getString(Tag.PatientName)).isEqualTo("ANON");
            assertThat(ds.contains(Tag.PatientID)).isFalse();
            assertThat(ds.contains(TRAILING_VALUE)).as("elements after the pixel data are processed too").isFalse();
            assertThat(ds.getBytes(Tag.PixelData)).isEqualTo(pixels);
        }
        byte[] raw = Files.readAllBytes(p.file());
        assertThat(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Doe^Jane")
                .doesNotContain("1.2.3.4.5").doesNotContain("SCANNER_7");
    }

    @Test
    void aProcessorThatNeedsThePixelDataGetsItInMemory() throws Exception {
        byte[] pixels = pixels();
        Path spooled = spooled(pixels);
        DatasetProcessor blank = new DatasetProcessor() {
            @Override
            public void process(Attributes ds, org.xnat.router.api.processor.ProcessingContext c) {
                byte[] px = ds.getBytes(Tag.PixelData);
                java.util.Arrays.fill(px, 0, 100, (byte) 0);
                ds.setBytes(Tag.PixelData, VR.OW, px);
            }

            @Override
            public boolean needsPixelData() {
                return true;
            }
        };
        PreparedInstance p = InstancePreparer.prepare(row(), spooled, dir, List.of(blank), context());
        try (DicomReader r = DicomReader.open(p.file())) {
            byte[] out = r.readDataset().getBytes(Tag.PixelData);
            assertThat(out).hasSize(pixels.length).startsWith(new byte[100]);
            assertThat(java.util.Arrays.copyOfRange(out, 100, out.length))
                    .isEqualTo(java.util.Arrays.copyOfRange(pixels, 100, pixels.length));
        }
    }

    @Test
    void failuresAreClassifiedAndLeaveNoFileBehind() throws Exception {
        Path spooled = spooled(new byte[16]);
        DatasetProcessor down = (ds, c) -> {
            throw new ProcessingException("broker down", new IllegalStateException("wrapped",
                    new java.net.ConnectException("refused")));
        };
        DatasetProcessor script = (ds, c) -> {
            throw new ProcessingException("script 'x' line 2, column 1: missing tag");
        };
        DatasetProcessor bug = (ds, c) -> {
            throw new IllegalArgumentException("bug");
        };
        DatasetProcessor noUid = (ds, c) -> ds.remove(Tag.SOPInstanceUID);
        assertThatThrownBy(() -> InstancePreparer.prepare(row(), spooled, dir, List.of(down), context()))
                .isInstanceOfSatisfying(InstanceProcessingException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("broker down");
        assertThatThrownBy(() -> InstancePreparer.prepare(row(), spooled, dir, List.of(script), context()))
                .isInstanceOfSatisfying(InstanceProcessingException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("script 'x' line 2");
        assertThatThrownBy(() -> InstancePreparer.prepare(row(), spooled, dir, List.of(bug), context()))
                .isInstanceOfSatisfying(InstanceProcessingException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> InstancePreparer.prepare(row(), spooled, dir, List.of(noUid), context()))
                .isInstanceOfSatisfying(InstanceProcessingException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("no SOP Class, SOP Instance or Study Instance UID");
        assertThatThrownBy(() -> InstancePreparer.prepare(row(), dir.resolve("gone.dcm"), dir, List.of(), context()))
                .isInstanceOfSatisfying(InstanceProcessingException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("cannot be read");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("spooled.dcm");
        }
    }
}
