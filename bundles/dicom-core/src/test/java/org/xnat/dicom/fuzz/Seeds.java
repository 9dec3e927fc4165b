package org.xnat.dicom.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Fragments;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;

/** Seed inputs: pydicom's test and character set corpus when installed, plus synthetic files built here. */
final class Seeds {

    static final Path PYDICOM_DATA = Path.of("/usr/lib/python3/dist-packages/pydicom/data");

    record Seed(String name, byte[] bytes) {
    }

    private Seeds() {
    }

    static List<Seed> all() throws IOException {
        List<Seed> seeds = new ArrayList<>(corpus());
        seeds.addAll(synthetic());
        return seeds;
    }

    /** Every file (DICOM or not) of pydicom's test_files and charset_files, recursively; empty if absent. */
    static List<Seed> corpus() throws IOException {
        List<Seed> seeds = new ArrayList<>();
        for (String dir : List.of("test_files", "charset_files")) {
            Path root = PYDICOM_DATA.resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    if (Files.size(f) <= (4 << 20)) {
                        seeds.add(new Seed(root.relativize(f).toString(), Files.readAllBytes(f)));
                    }
                }
            }
        }
        return seeds;
    }

    /** Files covering the encodings the reader distinguishes, so the fuzzer has material without the corpus. */
    static List<Seed> synthetic() {
        List<Seed> seeds = new ArrayList<>();
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)) {
            seeds.add(new Seed("synthetic-" + ts.uid(), write(image(false), ts, true)));
        }
        seeds.add(new Seed("synthetic-bare-implicit", write(image(false), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                false)));
        seeds.add(new Seed("synthetic-bare-explicit-be", write(image(false), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                false)));
        seeds.add(new Seed("synthetic-encapsulated", write(image(true), TransferSyntax.JPEG_BASELINE_8BIT, true)));
        return seeds;
    }

    /**
     * An image with nested sequences of defined and undefined length, a private block with a private sequence,
     * text in a non-ASCII character set and native or encapsulated pixel data.
     */
    static Attributes image(boolean encapsulated) {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
        a.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        a.setString(Tag.SOPInstanceUID, VR.UI, "2.25.1234567890123456789");
        a.setString(Tag.PatientName, VR.PN, "Ærøskøbing^Jürgen=山田^太郎");
        a.setString(Tag.PatientID, VR.LO, "FUZZ-1");
        a.setString(Tag.StudyDescription, VR.LO, "seed");
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setInt(Tag.Rows, VR.US, 4);
        a.setInt(Tag.Columns, VR.US, 4);
        a.setInt(Tag.BitsAllocated, VR.US, 8);
        a.setInt(Tag.BitsStored, VR.US, 8);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
        a.setDouble(Tag.PixelSpacing, VR.DS, 0.5, 0.5);
        a.setFloat(Tag.RecommendedDisplayFrameRateInFloat, VR.FL, 12.5f);
        a.setLong(Tag.SimpleFrameList, VR.UL, 7, 70000);
        Sequence seq = a.newSequence(Tag.ReferencedSeriesSequence);
        Attributes item = seq.addItem();
        item.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4");
        Sequence inner = item.newSequence(Tag.ReferencedInstanceSequence);
        inner.setUndefinedLength(false);
        Attributes innerItem = inner.addItem();
        innerItem.setUndefinedLength(false);
        innerItem.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4.5");
        seq.addItem().setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.5");
        a.setString(0x00090010, VR.LO, "FUZZ CREATOR");
        a.setBytes(0x00091010, VR.OB, new byte[] {1, 2, 3, 4});
        a.newSequence(0x00091011).addItem().setString(Tag.CodeValue, VR.SH, "X");
        byte[] pixels = new byte[16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 13);
        }
        if (encapsulated) {
            Fragments f = a.newFragments(Tag.PixelData, VR.OB);
            f.add(new byte[0]); // empty basic offset table
            f.add(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9});
        } else {
            a.setBytes(Tag.PixelData, VR.OB, pixels);
        }
        a.setBytes(Tag.DataSetTrailingPadding, VR.OB, new byte[] {0, 0});
        return a;
    }

    static byte[] write(Attributes ds, TransferSyntax ts, boolean meta) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(out)) {
            if (meta) {
                w.writeFileMetaInformation(FileMetaInformation.create(ds, ts));
            } else {
                w.setTransferSyntax(ts);
            }
            w.writeDataset(ds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
