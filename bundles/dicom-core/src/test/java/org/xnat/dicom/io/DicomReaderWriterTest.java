package org.xnat.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.BulkDataReference;
import org.xnat.dicom.data.Fragments;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;

class DicomReaderWriterTest {

    static final List<TransferSyntax> UNCOMPRESSED = List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

    @TempDir
    Path tmp;

    /** A dataset using every kind of value whose encoding differs between the transfer syntaxes. */
    static Attributes sample() {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
        a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        a.setString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1143.1");
        a.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
        a.setString(Tag.PatientID, VR.LO, "PID-1");
        a.setInt(Tag.Rows, VR.US, 4);
        a.setInt(Tag.Columns, VR.US, 3);
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setInt(Tag.PixelRepresentation, VR.US, 1);
        a.setInt(Tag.SmallestImagePixelValue, VR.SS, -5);
        a.setDouble(Tag.RevolutionTime, VR.FD, 0.75);
        a.setFloat(Tag.RecommendedDisplayFrameRateInFloat, VR.FL, 12.5f);
        a.setLong(Tag.ReferencedFrameNumber, VR.IS, 1, 2, 3);
        a.setTags(Tag.FrameIncrementPointer, Tag.FrameTime);
        a.setLong(Tag.SimpleFrameList, VR.UL, 7, 70000);
        Sequence seq = a.newSequence(Tag.ReferencedSeriesSequence);
        Attributes item = seq.addItem();
        item.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4");
        Sequence inner = item.newSequence(Tag.ReferencedInstanceSequence);
        inner.setUndefinedLength(false);
        Attributes innerItem = inner.addItem();
        innerItem.setUndefinedLength(false);
        innerItem.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4.5");
        innerItem.setInt(Tag.ReferencedFrameNumber, VR.IS, 9);
        seq.addItem().setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.5");
        a.newSequence(Tag.ReferencedStudySequence); // empty sequence
        byte[] pixels = new byte[4 * 3 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7 + 1);
        }
        a.setBytes(Tag.PixelData, VR.OW, pixels);
        a.setBytes(Tag.DataSetTrailingPadding, VR.OB, new byte[] {0, 0});
        return a;
    }

    static byte[] write(Attributes ds, TransferSyntax ts, boolean meta) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(out)) {
            if (meta) {
                w.writeFileMetaInformation(FileMetaInformation.create(ds, ts));
            } else {
                w.setTransferSyntax(ts);
            }
            w.writeDataset(ds);
        }
        return out.toByteArray();
    }

    static Attributes read(byte[] bytes) throws IOException {
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(bytes))) {
            return r.readDataset();
        }
    }

    static List<TransferSyntax> uncompressed() {
        return UNCOMPRESSED;
    }

    @ParameterizedTest
    @MethodSource("uncompressed")
    void writesAndReadsBackEveryUncompressedTransferSyntax(TransferSyntax ts) throws Exception {
        Attributes ds = sample();
        byte[] file = write(ds, ts, true);
        assertThat(new String(file, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(file))) {
            assertThat(r.transferSyntax()).isEqualTo(ts);
            assertThat(r.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID))
                    .isEqualTo("1.2.826.0.1.3680043.2.1143.1");
            Attributes back = r.readDataset();
            assertThat(back).isEqualTo(ds);
            assertThat(back.getString(Tag.PatientName)).isEqualTo("Müller^Jürgen");
            assertThat(back.getInt(Tag.SmallestImagePixelValue, 0)).isEqualTo(-5);
            assertThat(back.getVR(Tag.SmallestImagePixelValue)).isEqualTo(VR.SS); // implicit: from PixelRepresentation
        }
        // and the byte-exact round trip
        assertThat(write(read(file), ts, true)).isEqualTo(file);
    }

    @Test
    void convertsBetweenEveryPairOfUncompressedTransferSyntaxes() throws Exception {
        for (TransferSyntax from : UNCOMPRESSED) {
            Attributes read = read(write(sample(), from, true));
            for (TransferSyntax to : UNCOMPRESSED) {
                byte[] converted = write(read, to, true);
                try (DicomReader r = new DicomReader(new ByteArrayInputStream(converted))) {
                    assertThat(r.transferSyntax()).isEqualTo(to);
                    assertThat(r.readDataset()).as(from + " -> " + to).isEqualTo(sample());
                }
            }
        }
    }

    @Test
    void bigEndianSwapsPerVrAndDcmtkAgrees() throws Exception {
        byte[] be = write(sample(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, true);
        byte[] le = write(sample(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, true);
        assertThat(be.length).isEqualTo(le.length);
        // Rows = 4: 00 04 in big endian
        int rows = indexOf(be, new byte[] {0x00, 0x28, 0x00, 0x10, 'U', 'S', 0x00, 0x02});
        assertThat(rows).isPositive();
        assertThat(Arrays.copyOfRange(be, rows + 8, rows + 10)).containsExactly(0x00, 0x04);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dcmdump")), "dcmdump not installed");
        for (TransferSyntax ts : UNCOMPRESSED) {
            Path f = tmp.resolve("sample-" + ts.uid() + ".dcm");
            Files.write(f, write(sample(), ts, true));
            String dump = dcmdump(f);
            assertThat(dump).as(ts.toString())
                    .contains("(0028,0010) US 4 ")
                    .contains("(0028,0106) SS -5 ")
                    .contains("(0018,9305) FD 0.75 ")
                    .contains("(0008,9459) FL 12.5 ")
                    .contains("(0008,1161) UL 7\\70000 ")
                    .contains("(0010,0010) PN [M\u00fcller^J\u00fcrgen]")
                    .contains("(0028,0009) AT (0018,1063)")
                    .contains("(0008,1155) UI [1.2.3.4.5]")
                    .contains("(7fe0,0010) OW 0801\\160f\\241d\\322b");
        }
    }

    @Test
    void readsBareDatasetsGuessingTheEncoding() throws Exception {
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)) {
            byte[] bare = write(sample(), ts, false);
            try (DicomReader r = new DicomReader(new ByteArrayInputStream(bare))) {
                assertThat(r.fileMetaInformation()).isNull();
                assertThat(r.preamble()).isNull();
                assertThat(r.transferSyntax()).isEqualTo(ts);
                assertThat(r.readDataset()).isEqualTo(sample());
            }
        }
        byte[] deflated = write(sample(), TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, false);
        ReadOptions options = ReadOptions.defaults().transferSyntax(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(deflated), options)) {
            assertThat(r.readDataset()).isEqualTo(sample());
        }
    }

    @Test
    void metaInformationWithoutPreamble() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(out)) {
            w.writeFileMetaInformation(FileMetaInformation.create(sample(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                    null);
            w.writeDataset(sample());
        }
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(r.preamble()).isNull();
            assertThat(r.fileMetaInformation().getString(Tag.ImplementationClassUID))
                    .isEqualTo(FileMetaInformation.IMPLEMENTATION_CLASS_UID);
            assertThat(r.readDataset()).isEqualTo(sample());
        }
    }

    @Test
    void stopsBeforePixelDataAndStreamsItThroughWithConversion() throws Exception {
        Attributes ds = sample();
        byte[] be = write(ds, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(be),
                ReadOptions.defaults().stopBeforePixelData(true))) {
            Attributes header = r.readDataset();
            assertThat(header.contains(Tag.PixelData)).isFalse();
            assertThat(header.getString(Tag.PatientID)).isEqualTo("PID-1");
            assertThat(r.atPixelData()).isTrue();
            assertThat(r.pixelDataVR()).isEqualTo(VR.OW);
            assertThat(r.pixelDataLength()).isEqualTo(24);
            DicomWriter w = new DicomWriter(out);
            w.writeFileMetaInformation(FileMetaInformation.create(header, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            w.writeDataset(header);
            r.transferPixelData(w);
            Attributes rest = r.readDataset();
            assertThat(rest.tags()).containsExactly(Tag.DataSetTrailingPadding);
            w.writeDataset(rest);
            w.finish();
        }
        assertThat(out.toByteArray()).isEqualTo(write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, true));

        ByteArrayOutputStream viaTranscoder = new ByteArrayOutputStream();
        Transcoder.transcode(new ByteArrayInputStream(be), viaTranscoder, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                header -> header.setString(Tag.PatientID, VR.LO, "EDITED"));
        Attributes back = read(viaTranscoder.toByteArray());
        assertThat(back.getString(Tag.PatientID)).isEqualTo("EDITED");
        assertThat(back.getBytes(Tag.PixelData)).isEqualTo(ds.getBytes(Tag.PixelData));
    }

    @Test
    void encapsulatedPixelDataPassesThroughByteExact() throws Exception {
        Attributes ds = sample();
        ds.remove(Tag.PixelData);
        Fragments f = ds.newFragments(Tag.PixelData, VR.OB);
        f.add(new byte[0]);
        f.add(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9});
        byte[] file = write(ds, TransferSyntax.JPEG_BASELINE_8BIT, true);
        assertThat(read(file)).isEqualTo(ds);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transcoder.transcode(new ByteArrayInputStream(file), out, null, h -> { });
        assertThat(out.toByteArray()).isEqualTo(file);
        assertThatThrownBy(() -> Transcoder.transcode(new ByteArrayInputStream(file), new ByteArrayOutputStream(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, h -> { })).hasMessageContaining("without a codec");
    }

    @Test
    void bulkDataStaysInTheFileAndIsCopiedOnWrite() throws Exception {
        Path f = tmp.resolve("bulk.dcm");
        Files.write(f, write(sample(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, true));
        try (DicomReader r = DicomReader.open(f, ReadOptions.defaults().bulkDataThreshold(16))) {
            Attributes ds = r.readDataset();
            assertThat(ds.getValue(Tag.PixelData)).isInstanceOf(BulkDataReference.class);
            BulkDataReference ref = (BulkDataReference) ds.getValue(Tag.PixelData);
            assertThat(ref.length()).isEqualTo(24);
            assertThat(ref.bigEndian()).isTrue();
            assertThat(read(write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, true))).isEqualTo(sample());
        }
    }

    @Test
    void unknownLengthUnIsReadAsImplicitLittleEndianSequence() throws Exception {
        // (0009,1010) UN, undefined length, holding one item with (0010,0020) LO in implicit VR LE (PS3.5 6.2.2)
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {0x09, 0x00, 0x10, 0x00, 'L', 'O', 4, 0, 'A', 'C', 'M', 'E'});
        b.write(new byte[] {0x09, 0x00, 0x10, 0x10, 'U', 'N', 0, 0, -1, -1, -1, -1});
        b.write(new byte[] {-2, -1, 0x00, (byte) 0xE0, -1, -1, -1, -1});
        b.write(new byte[] {0x10, 0x00, 0x20, 0x00, 4, 0, 0, 0, 'P', 'I', 'D', ' '});
        b.write(new byte[] {-2, -1, 0x0D, (byte) 0xE0, 0, 0, 0, 0});
        b.write(new byte[] {-2, -1, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0});
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(b.toByteArray()),
                ReadOptions.defaults().transferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))) {
            Attributes ds = r.readDataset();
            Sequence seq = ds.getSequence(0x00091010);
            assertThat(seq).hasSize(1);
            assertThat(seq.get(0).getString(Tag.PatientID)).isEqualTo("PID");
        }
    }

    private static String dcmdump(Path f) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("dcmdump", "+L", f.toString()).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("E: ").doesNotContain("W: ");
        return out;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
