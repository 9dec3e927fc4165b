package org.xnat.dicom.net.internal.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PduReaderTransportTest {
    /** Counts read calls reaching the "socket"; optionally times out once, as a socket with SO_TIMEOUT. */
    private static class CountingTransport extends FilterInputStream {
        int reads;
        int timeoutAt = -1;

        CountingTransport(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            reads++;
            if (reads == timeoutAt) {
                throw new SocketTimeoutException("Read timed out");
            }
            return super.read(b, off, len);
        }
    }

    /** A C-STORE as a small SCU sends it: a command PDU, then the data set in one PDU. */
    private static byte[] smallStores(int count, int datasetLength) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PduWriter w = new PduWriter(out, 16384, 1 << 20);
        byte[] command = new byte[160];
        byte[] dataset = new byte[datasetLength];
        for (int i = 0; i < count; i++) {
            Arrays.fill(dataset, (byte) i);
            w.writeMessage(1, true, command);
            try (OutputStream ds = w.datasetOutput(1)) {
                ds.write(dataset);
            }
        }
        return out.toByteArray();
    }

    @Test
    void smallPdusCostFarFewerTransportReadsThanTwoPerPdu() throws Exception {
        CountingTransport transport = new CountingTransport(new ByteArrayInputStream(smallStores(20, 10_000)));
        PduReader r = PduReader.overTransport(transport);
        for (int i = 0; i < 20; i++) {
            assertThat(r.next(16384)).isEqualTo(PduType.P_DATA_TF);
            assertThat(r.length()).isEqualTo(160 + 6);
            assertThat(r.next(16384)).isEqualTo(PduType.P_DATA_TF);
            assertThat(r.length()).isEqualTo(10_000 + 6);
            // the data set bytes arrive intact through the read-ahead buffer
            assertThat(r.body()[6]).isEqualTo((byte) i);
            assertThat(r.body()[6 + 9_999]).isEqualTo((byte) i);
        }
        // 40 PDUs, ~200 KB: unbuffered that is 80 reads; with 32 KiB read-ahead about 7
        assertThat(transport.reads).isLessThanOrEqualTo(10);
    }

    @Test
    void aTimeoutBetweenPdusIsPassedThroughAndLosesNothing() throws Exception {
        CountingTransport transport = new CountingTransport(new ByteArrayInputStream(smallStores(1, 100))) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                // the command PDU (172 bytes) arrives alone, as from a socket
                return super.read(b, off, Math.min(len, 172));
            }
        };
        PduReader r = PduReader.overTransport(transport);
        assertThat(r.next(16384)).isEqualTo(PduType.P_DATA_TF);
        assertThat(r.length()).isEqualTo(166);
        transport.timeoutAt = transport.reads + 1;
        assertThatThrownBy(() -> r.next(16384)).isInstanceOf(SocketTimeoutException.class);
        assertThat(r.next(16384)).isEqualTo(PduType.P_DATA_TF);
        assertThat(r.length()).isEqualTo(106);
        assertThat(r.body()[6]).isEqualTo((byte) 0);
    }
}
