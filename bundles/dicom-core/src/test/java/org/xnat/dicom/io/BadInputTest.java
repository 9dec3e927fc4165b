package org.xnat.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.dict.TransferSyntax;

/** Hostile and broken input ends in a DicomParseException naming offset and tag, never in an OutOfMemoryError. */
class BadInputTest {

    private static final ReadOptions EXPLICIT_LE =
            ReadOptions.defaults().transferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

    @TempDir
    Path tmp;

    @Test
    void truncatedFileAtEveryOffsetFailsCleanly() throws Exception {
        byte[] file = DicomReaderWriterTest.write(DicomReaderWriterTest.sample(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, true);
        int rejected = 0;
        for (int cut = 1; cut < file.length; cut++) {
            byte[] truncated = Arrays.copyOf(file, cut);
            try (DicomReader r = new DicomReader(new ByteArrayInputStream(truncated))) {
                r.readDataset(); // a cut between two top-level elements is a valid (shorter) dataset
            } catch (DicomParseException e) {
                rejected++;
                assertThat(e.offset()).isBetween(0L, (long) cut);
                assertThat(e.getMessage()).contains("offset");
            }
        }
        assertThat(rejected).isGreaterThan(file.length / 2);
    }

    @Test
    void truncatedPixelDataNamesTheTagAndOffset() throws Exception {
        byte[] file = DicomReaderWriterTest.write(DicomReaderWriterTest.sample(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, true);
        int pixelData = DicomReaderWriterTest.indexOf(file, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00});
        Path f = tmp.resolve("truncated.dcm");
        Files.write(f, Arrays.copyOf(file, pixelData + 20));
        assertThatThrownBy(() -> {
            try (DicomReader r = DicomReader.open(f)) {
                r.readDataset();
            }
        }).isInstanceOf(DicomParseException.class).hasMessageContaining("(7FE0,0010)")
                .hasMessageContaining("exceeds the 8 bytes remaining")
                .satisfies(e -> assertThat(((DicomParseException) e).tag()).isEqualTo(Tag.PixelData));
    }

    @Test
    void hostileLengthOnAStreamOfUnknownSizeDoesNotAllocateIt() {
        // (0009,1010) OB with length 0x7FFFFFF0 followed by 100 bytes: a socket-like stream of unknown size
        byte[] data = new byte[12 + 100];
        System.arraycopy(new byte[] {0x09, 0x00, 0x10, 0x10, 'O', 'B', 0, 0, (byte) 0xF0, -1, -1, 0x7F}, 0, data, 0,
                12);
        long before = usedHeap();
        assertThatThrownBy(() -> {
            try (DicomReader r = new DicomReader(unknownLength(data), EXPLICIT_LE)) {
                r.readDataset();
            }
        }).isInstanceOf(DicomParseException.class).hasMessageContaining("(0009,1010)");
        assertThat(usedHeap() - before).isLessThan(256L << 20);
    }

    @Test
    void valueLongerThanItsItemIsRejected() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1}); // undefined-length SQ
        b.write(new byte[] {-2, -1, 0x00, (byte) 0xE0, 12, 0, 0, 0}); // item of 12 bytes
        b.write(new byte[] {0x20, 0x00, 0x0E, 0x00, 'U', 'I', 100, 0}); // value of 100 bytes inside it
        b.write(new byte[200]);
        assertThatThrownBy(() -> {
            try (DicomReader r = new DicomReader(new ByteArrayInputStream(b.toByteArray()), EXPLICIT_LE)) {
                r.readDataset();
            }
        }).isInstanceOf(DicomParseException.class).hasMessageContaining("exceeds its enclosing item");
    }

    @Test
    void undefinedLengthItemWithoutDelimiterIsRejected() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1});
        b.write(new byte[] {-2, -1, 0x00, (byte) 0xE0, -1, -1, -1, -1}); // undefined-length item
        b.write(new byte[] {0x20, 0x00, 0x0E, 0x00, 'U', 'I', 4, 0, '1', '.', '2', 0}); // then nothing
        assertThatThrownBy(() -> {
            try (DicomReader r = new DicomReader(new ByteArrayInputStream(b.toByteArray()), EXPLICIT_LE)) {
                r.readDataset();
            }
        }).isInstanceOf(DicomParseException.class).hasMessageContaining("no item delimiter");
    }

    @Test
    void hostileNestingDepthIsRejectedBeforeTheStackOverflows() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 5000; i++) {
            b.write(new byte[] {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1});
            b.write(new byte[] {-2, -1, 0x00, (byte) 0xE0, -1, -1, -1, -1});
        }
        assertThatThrownBy(() -> {
            try (DicomReader r = new DicomReader(new ByteArrayInputStream(b.toByteArray()), EXPLICIT_LE)) {
                r.readDataset();
            }
        }).isInstanceOf(DicomParseException.class).hasMessageContaining("nested deeper");
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws Exception {
        byte[] file = DicomReaderWriterTest.write(DicomReaderWriterTest.sample(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, true);
        Random random = new Random(42);
        for (int round = 0; round < 3000; round++) {
            byte[] bad = file.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                bad[132 + random.nextInt(bad.length - 132)] = (byte) random.nextInt(256);
            }
            try (DicomReader r = new DicomReader(unknownLength(bad))) {
                Attributes ds = r.readDataset();
                assertThat(ds).isNotNull();
            } catch (DicomParseException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void deflatedDataCutShortIsRejected() throws Exception {
        byte[] file = DicomReaderWriterTest.write(DicomReaderWriterTest.sample(),
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, true);
        byte[] cut = Arrays.copyOf(file, file.length - 40);
        assertThatThrownBy(() -> {
            try (DicomReader r = new DicomReader(new ByteArrayInputStream(cut))) {
                r.readDataset();
            }
        }).isInstanceOf(IOException.class);
    }

    private static InputStream unknownLength(byte[] data) {
        return new java.io.FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int available() {
                return 0;
            }
        };
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
