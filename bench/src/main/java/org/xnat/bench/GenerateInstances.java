package org.xnat.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;

/**
 * Writes {@code count} CT Image Storage instances (explicit VR little endian, 16-bit pixels of
 * {@code rows x columns}) with distinct SOP Instance UIDs into {@code directory}, spread over
 * {@code parts} sub-directories {@code part0..} (one per concurrent sender).
 *
 * <p>Usage: {@code GenerateInstances <directory> <count> <rows> <columns> <parts> <name>}
 */
public final class GenerateInstances {

    private GenerateInstances() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        int columns = Integer.parseInt(args[3]);
        int parts = Integer.parseInt(args[4]);
        String name = args[5];
        String study = uid(name + "-study");
        String series = uid(name + "-series");
        byte[] pixels = new byte[rows * columns * 2];
        for (int i = 0; i < pixels.length; i += 2) {
            int v = (i / 2 * 7) % 4096; // a gradient: not all zero, so nothing can shortcut it
            pixels[i] = (byte) v;
            pixels[i + 1] = (byte) (v >> 8);
        }
        for (int p = 0; p < parts; p++) {
            Files.createDirectories(dir.resolve("part" + p));
        }
        for (int i = 0; i < count; i++) {
            Attributes a = new Attributes();
            a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
            a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
            a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
            a.setString(Tag.SOPInstanceUID, VR.UI, uid(name + "-" + i));
            a.setString(Tag.StudyDate, VR.DA, "20261127");
            a.setString(Tag.Modality, VR.CS, "CT");
            a.setString(Tag.Manufacturer, VR.LO, "Benchmark");
            a.setString(Tag.PatientName, VR.PN, "Bench^Mark");
            a.setString(Tag.PatientID, VR.LO, "BENCH-" + name);
            a.setString(Tag.StudyInstanceUID, VR.UI, study);
            a.setString(Tag.SeriesInstanceUID, VR.UI, series);
            a.setString(Tag.InstanceNumber, VR.IS, Integer.toString(i + 1));
            a.setString(Tag.ImagePositionPatient, VR.DS, "0", "0", Integer.toString(i));
            a.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
            a.setInt(Tag.SamplesPerPixel, VR.US, 1);
            a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            a.setInt(Tag.Rows, VR.US, rows);
            a.setInt(Tag.Columns, VR.US, columns);
            a.setString(Tag.PixelSpacing, VR.DS, "0.5", "0.5");
            a.setInt(Tag.BitsAllocated, VR.US, 16);
            a.setInt(Tag.BitsStored, VR.US, 12);
            a.setInt(Tag.HighBit, VR.US, 11);
            a.setInt(Tag.PixelRepresentation, VR.US, 0);
            a.setBytes(Tag.PixelData, VR.OW, pixels);
            Path file = dir.resolve("part" + (i % parts)).resolve(String.format("%s%06d.dcm", name, i));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                    DicomWriter w = new DicomWriter(out)) {
                w.writeFileMetaInformation(FileMetaInformation.create(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
                w.writeDataset(a);
            }
        }
    }

    /** A UUID-derived UID (PS3.5 B.2) that depends only on {@code seed}. */
    static String uid(String seed) {
        UUID u = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
        BigInteger v = new BigInteger(1, toBytes(u));
        return "2.25." + v;
    }

    private static byte[] toBytes(UUID u) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
            b[8 + i] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return b;
    }
}
