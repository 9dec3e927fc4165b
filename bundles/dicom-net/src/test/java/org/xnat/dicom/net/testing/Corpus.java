package org.xnat.dicom.net.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.internal.io.Part10Header;

/** The pydicom test corpus: Part 10 files with their header, and the dcmtk option proposing each transfer syntax. */
public final class Corpus {
    public static final Path DIR = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    /** storescu option that proposes exactly the file's transfer syntax. */
    public static final Map<String, String> STORESCU_OPTION = Map.ofEntries(
            Map.entry(UID.ImplicitVRLittleEndian, "-xi"),
            Map.entry(UID.ExplicitVRLittleEndian, "-xe"),
            Map.entry(UID.ExplicitVRBigEndian, "-xb"),
            Map.entry(UID.DeflatedExplicitVRLittleEndian, "-xd"),
            Map.entry(UID.JPEGBaseline8Bit, "-xy"),
            Map.entry(UID.JPEGExtended12Bit, "-xx"),
            Map.entry(UID.JPEGLosslessSV1, "-xs"),
            Map.entry(UID.JPEGLSLossless, "-xt"),
            Map.entry(UID.JPEGLSNearLossless, "-xu"),
            Map.entry(UID.JPEG2000Lossless, "-xv"),
            Map.entry(UID.JPEG2000, "-xw"),
            Map.entry(UID.RLELossless, "-xr"));

    public record Entry(Path file, Part10Header header) {
        public byte[] dataset() throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(header.datasetOffset());
                return in.readAllBytes();
            }
        }
    }

    private Corpus() {
    }

    /** Every *.dcm with a readable File Meta Information and a storage SOP class. */
    public static List<Entry> part10Files() throws IOException {
        assumeTrue(Files.isDirectory(DIR), "pydicom corpus not installed");
        List<Entry> list = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) {
                try {
                    Part10Header h = Part10Header.read(p);
                    if (UID.isStorageSopClass(h.sopClassUid())) {
                        list.add(new Entry(p, h));
                    }
                } catch (IOException e) {
                    // not Part 10 (or a DICOMDIR without storage class): not sendable as is
                }
            }
        }
        return list;
    }
}
