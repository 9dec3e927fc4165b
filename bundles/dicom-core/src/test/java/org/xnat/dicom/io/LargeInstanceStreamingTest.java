package org.xnat.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;

/**
 * A 640 MiB instance, generated on the fly (never stored), passes reader to writer in a JVM whose heap is far
 * smaller than the pixel data (the "large-instance" surefire execution runs this class with -Xmx64m), converted
 * from little to big endian on the way; the output is checked byte for byte by CRC against the expected
 * encoding.
 */
class LargeInstanceStreamingTest {

    private static final long PIXEL_BYTES = 640L << 20;

    @Test
    void passesA640MiBInstanceThroughWithASmallHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run by the large-instance execution with -Xmx64m")
                .isLessThan(PIXEL_BYTES / 4);
        Attributes header = header();
        byte[] trailer = {(byte) 0xFC, (byte) 0xFF, (byte) 0xFC, (byte) 0xFF, 'O', 'B', 0, 0, 2, 0, 0, 0, 0, 0};
        InputStream in = new SequenceInputStream(new SequenceInputStream(
                new java.io.ByteArrayInputStream(encodedHeader(header, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)),
                new PatternStream(PIXEL_BYTES, false)), new java.io.ByteArrayInputStream(trailer));

        CrcCountingStream actual = new CrcCountingStream();
        long start = System.nanoTime();
        Transcoder.transcode(in, actual, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, h -> { });
        long millis = (System.nanoTime() - start) / 1_000_000;

        CrcCountingStream expected = new CrcCountingStream();
        expected.write(encodedHeader(header, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        new PatternStream(PIXEL_BYTES, true).transferTo(expected);
        expected.write(new byte[] {(byte) 0xFF, (byte) 0xFC, (byte) 0xFF, (byte) 0xFC, 'O', 'B', 0, 0, 0, 0, 0, 2,
            0, 0});
        assertThat(actual.count).isEqualTo(expected.count).isGreaterThan(PIXEL_BYTES);
        assertThat(actual.crc.getValue()).isEqualTo(expected.crc.getValue());
        assertThat(millis).as("streaming time in ms").isLessThan(120_000);
    }

    private static Attributes header() {
        Attributes a = new Attributes();
        a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        a.setString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1143.99");
        a.setString(Tag.PatientName, VR.PN, "Large^Instance");
        a.setInt(Tag.Rows, VR.US, 512);
        a.setInt(Tag.Columns, VR.US, 512);
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setString(Tag.NumberOfFrames, VR.IS, Long.toString(PIXEL_BYTES / (512 * 512 * 2)));
        return a;
    }

    /** Meta information, header and the Pixel Data element header (OW, defined length). */
    private static byte[] encodedHeader(Attributes header, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out);
        Attributes fmi = FileMetaInformation.create(header, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        w.writeFileMetaInformation(FileMetaInformation.withTransferSyntax(fmi, ts));
        w.writeDataset(header);
        w.writeHeader(Tag.PixelData, VR.OW, PIXEL_BYTES);
        w.finish();
        return out.toByteArray();
    }

    /** Little-endian 16-bit words w(i) = i * 40503 (mod 2^16), or the same words big endian. */
    private static final class PatternStream extends InputStream {
        private final long length;
        private final boolean bigEndian;
        private long pos;

        PatternStream(long length, boolean bigEndian) {
            this.length = length;
            this.bigEndian = bigEndian;
        }

        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - pos);
            for (int i = 0; i < n; i++) {
                long p = pos + i;
                int word = (int) ((p >>> 1) * 40503) & 0xFFFF;
                boolean low = (p & 1) == 0;
                b[off + i] = (byte) (low != bigEndian ? word : word >>> 8);
            }
            pos += n;
            return n;
        }
    }

    private static final class CrcCountingStream extends OutputStream {
        final CRC32 crc = new CRC32();
        long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }
}
