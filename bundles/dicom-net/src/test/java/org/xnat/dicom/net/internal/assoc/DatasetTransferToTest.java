package org.xnat.dicom.net.internal.assoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;

/**
 * A storage sink that drains the data set with {@code transferTo} (the fast path: one write per PDV, no
 * intermediate buffer) gets exactly the bytes sent, whatever the fragmentation; a sink that reads part of the data
 * set and leaves the rest still gets a response (the rest is skipped).
 */
class DatasetTransferToTest {

    @Test
    void transferToDeliversEveryByteAcrossPdvsAndPdus() throws Exception {
        List<byte[]> received = new ArrayList<>();
        List<Long> counted = new ArrayList<>();
        try (DicomServer server = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1")
                .options(ConnectionOptions.builder().maxPduLengthReceive(4096).build()).build())
                .storageSink((store, in) -> {
                    ByteArrayOutputStream sink = new ByteArrayOutputStream();
                    // a destination that accepts odd-sized writes, like a file
                    counted.add(in.transferTo(new OutputStream() {
                        @Override
                        public void write(int b) {
                            sink.write(b);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            sink.write(b, off, len);
                        }
                    }));
                    received.add(sink.toByteArray());
                    return DimseStatus.SUCCESS;
                }).start();
                DicomClient client = new DicomClient(ConnectionOptions.defaults());
                ScuAssociation as = client.connect("127.0.0.1", server.port(), AssociationRequest.builder("SCU", "SCP")
                        .addPresentationContext(UID.CTImageStorage, UID.ExplicitVRLittleEndian).build())) {
            Random random = new Random(3);
            List<byte[]> sent = new ArrayList<>();
            for (int size : new int[] {0, 2, 4084, 4086, 4096, 100_000}) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                sent.add(data);
                assertThat(as.store(UID.CTImageStorage, "2.25." + (size + 1), UID.ExplicitVRLittleEndian,
                        new ByteArrayInputStream(data)).status()).isEqualTo(DimseStatus.SUCCESS);
            }
            assertThat(received).hasSameSizeAs(sent);
            for (int i = 0; i < sent.size(); i++) {
                assertThat(received.get(i)).as("data set %d", i).isEqualTo(sent.get(i));
                assertThat(counted.get(i)).isEqualTo(sent.get(i).length);
            }
        }
    }

    @Test
    void partlyReadDataSetIsSkippedAndAnswered() throws Exception {
        try (DicomServer server = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1")
                .options(ConnectionOptions.builder().maxPduLengthReceive(4096).build()).build())
                .storageSink((store, in) -> {
                    in.readNBytes(10);
                    return DimseStatus.SUCCESS;
                }).start();
                DicomClient client = new DicomClient(ConnectionOptions.defaults());
                ScuAssociation as = client.connect("127.0.0.1", server.port(), AssociationRequest.builder("SCU", "SCP")
                        .addPresentationContext(UID.CTImageStorage, UID.ExplicitVRLittleEndian)
                        .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build())) {
            for (int i = 0; i < 3; i++) {
                assertThat(as.store(UID.CTImageStorage, "2.25." + (i + 1), UID.ExplicitVRLittleEndian,
                        new ByteArrayInputStream(new byte[50_000])).status()).isEqualTo(DimseStatus.SUCCESS);
            }
            assertThat(as.echo()).isEqualTo(DimseStatus.SUCCESS);
        }
    }
}
