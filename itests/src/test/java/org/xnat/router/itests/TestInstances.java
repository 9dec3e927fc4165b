package org.xnat.router.itests;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;

/**
 * Generated CT Image Storage instances (explicit VR little endian, 16-bit pixels) with distinct SOP Instance UIDs,
 * and the SHA-256 of their data set bytes: what a receiver must hold, byte for byte, after a bit-preserving trip.
 */
final class TestInstances {

    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private TestInstances() {
    }

    /** One generated instance: its file and the hash of the data set part (after the File Meta Information). */
    record Instance(int index, String sopInstanceUid, String studyInstanceUid, Path file, String datasetSha256) {
    }

    /**
     * Writes {@code count} instances under {@code dir}, {@code perStudy} instances per study, pixel matrix
     * {@code size x size}. UIDs derive from {@code name}, so two calls with the same name give the same UIDs.
     */
    static List<Instance> generate(Path dir, String name, int count, int perStudy, int size) throws IOException {
        Files.createDirectories(dir);
        List<Instance> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int studyNo = i / perStudy;
            String study = uid(name + "-study-" + studyNo);
            String sop = uid(name + "-" + i);
            byte[] pixels = new byte[size * size * 2];
            for (int p = 0; p < pixels.length; p += 2) {
                int v = (p / 2 * 7 + i * 13) % 4096; // differs per instance: a mixed-up delivery changes the hash
                pixels[p] = (byte) v;
                pixels[p + 1] = (byte) (v >> 8);
            }
            Attributes a = new Attributes();
            a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
            a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
            a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
            a.setString(Tag.SOPInstanceUID, VR.UI, sop);
            a.setString(Tag.StudyDate, VR.DA, "20261127");
            a.setString(Tag.Modality, VR.CS, "CT");
            a.setString(Tag.Manufacturer, VR.LO, "NoLoss");
            a.setString(Tag.PatientName, VR.PN, "No^Loss");
            a.setString(Tag.PatientID, VR.LO, name + "-" + studyNo);
            a.setString(Tag.StudyInstanceUID, VR.UI, study);
            a.setString(Tag.SeriesInstanceUID, VR.UI, uid(name + "-series-" + studyNo));
            a.setString(Tag.InstanceNumber, VR.IS, Integer.toString(i + 1));
            a.setString(Tag.ImagePositionPatient, VR.DS, "0", "0", Integer.toString(i));
            a.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
            a.setInt(Tag.SamplesPerPixel, VR.US, 1);
            a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            a.setInt(Tag.Rows, VR.US, size);
            a.setInt(Tag.Columns, VR.US, size);
            a.setString(Tag.PixelSpacing, VR.DS, "0.5", "0.5");
            a.setInt(Tag.BitsAllocated, VR.US, 16);
            a.setInt(Tag.BitsStored, VR.US, 12);
            a.setInt(Tag.HighBit, VR.US, 11);
            a.setInt(Tag.PixelRepresentation, VR.US, 0);
            a.setBytes(Tag.PixelData, VR.OW, pixels);
            Path file = dir.resolve(String.format("%s%05d.dcm", name, i));
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                    DicomWriter w = new DicomWriter(os)) {
                w.writeFileMetaInformation(FileMetaInformation.create(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
                w.writeDataset(a);
            }
            out.add(new Instance(i, sop, study, file, datasetHash(file)));
        }
        return out;
    }

    /** A UUID-derived UID (PS3.5 B.2) that depends only on {@code seed}. */
    static String uid(String seed) {
        UUID u = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }

    /**
     * SHA-256 of the data set part of a Part 10 file: everything after the File Meta Information, whose end the
     * File Meta Information Group Length (0002,0000) gives (PS3.10 7.1; explicit VR little endian).
     */
    static String datasetHash(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + ": " + size + " bytes, more than a test instance can be");
        }
        byte[] bytes = Files.readAllBytes(file);
        int offset = datasetOffset(bytes, file);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, offset, bytes.length - offset);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int datasetOffset(byte[] b, Path file) throws IOException {
        if (b.length < 144 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') {
            throw new IOException(file + ": not a Part 10 file (no DICM prefix)");
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (bb.getShort(132) != 0x0002 || bb.getShort(134) != 0x0000 || b[136] != 'U' || b[137] != 'L') {
            throw new IOException(file + ": the File Meta Information does not start with its group length");
        }
        long groupLength = Integer.toUnsignedLong(bb.getInt(140));
        if (144 + groupLength > b.length) {
            throw new IOException(file + ": File Meta Information group length " + groupLength + " beyond the file");
        }
        return (int) (144 + groupLength);
    }

    /** The SOP Instance UID of a received Part 10 file, from its data set header. */
    static String sopInstanceUid(Path file) throws IOException {
        try (org.xnat.dicom.io.DicomReader r = org.xnat.dicom.io.DicomReader.open(file,
                org.xnat.dicom.io.ReadOptions.defaults().stopBeforePixelData(true))) {
            return r.readDataset().getString(Tag.SOPInstanceUID, "");
        }
    }
}
