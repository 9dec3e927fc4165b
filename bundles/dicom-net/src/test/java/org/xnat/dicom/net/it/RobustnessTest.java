package org.xnat.dicom.net.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationAbortedException;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.PduFormatException;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.internal.dimse.Command;
import org.xnat.dicom.net.internal.pdu.AssociatePdu;
import org.xnat.dicom.net.internal.pdu.PDataParser;
import org.xnat.dicom.net.internal.pdu.PduCodec;
import org.xnat.dicom.net.internal.pdu.PduType;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;

/** Timeouts, aborts, malformed and hostile PDUs: specific exceptions, no hung threads, the server keeps serving. */
class RobustnessTest {
    private static final ConnectionOptions FAST = ConnectionOptions.builder().artimTimeout(Duration.ofMillis(500))
            .idleTimeout(Duration.ofMillis(800)).responseTimeout(Duration.ofSeconds(2)).build();
    private DicomServer server;

    @BeforeEach
    void start() throws IOException {
        server = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1").options(FAST).build())
                .storageSink((s, in) -> {
                    in.readAllBytes();
                    return DimseStatus.SUCCESS;
                }).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket raw() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static byte[] associateRq() {
        AssociatePdu a = new AssociatePdu();
        a.callingAeTitle = "RAW";
        a.calledAeTitle = "ROUTER";
        a.presentationContexts.add(PresentationContext.proposed(1, UID.Verification, List.of(UID.ImplicitVRLittleEndian)));
        a.maxPduLength = 16384;
        a.implementationClassUid = "1.2.3";
        return PduCodec.encodeAssociate(PduType.A_ASSOCIATE_RQ, a);
    }

    /** Reads one PDU: {type, body...}. */
    private static byte[] readPdu(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int type = d.readUnsignedByte();
        d.readUnsignedByte();
        int len = d.readInt();
        byte[] body = new byte[len];
        d.readFully(body);
        byte[] r = new byte[len + 1];
        r[0] = (byte) type;
        System.arraycopy(body, 0, r, 1, len);
        return r;
    }

    private void assertServerStillServes() throws IOException {
        try (DicomClient c = new DicomClient(FAST); ScuAssociation as = c.connect("127.0.0.1", server.port(),
                AssociationRequest.builder("CHECK", "ROUTER").addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build())) {
            assertThat(as.echo()).isEqualTo(DimseStatus.SUCCESS);
        }
    }

    @Test
    void artimClosesASilentConnection() throws Exception {
        try (Socket s = raw()) {
            long t0 = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(4));
        }
        assertServerStillServes();
    }

    @Test
    void scuGivesUpOnASilentAcceptor() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); DicomClient c = new DicomClient(FAST)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> c.connect("127.0.0.1", silent.getLocalPort(), AssociationRequest.builder("A", "B")
                    .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build()))
                    .isInstanceOf(DicomNetworkException.class).hasMessageContaining("ARTIM");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void unknownPduTypeIsAbortedWithReasonUnrecognized() throws Exception {
        try (Socket s = raw()) {
            OutputStream out = s.getOutputStream();
            out.write(associateRq());
            assertThat(readPdu(s.getInputStream())[0]).isEqualTo((byte) PduType.A_ASSOCIATE_AC);
            out.write(new byte[] {0x09, 0, 0, 0, 0, 2, 1, 2});
            byte[] abort = readPdu(s.getInputStream());
            assertThat(abort[0]).isEqualTo((byte) PduType.A_ABORT);
            assertThat(abort[3]).isEqualTo((byte) 2); // source: service provider
            assertThat(abort[4]).isEqualTo((byte) PduFormatException.UNRECOGNIZED_PDU);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertServerStillServes();
    }

    @Test
    void hostilePDataLengthIsAbortedWithoutAllocating() throws Exception {
        try (Socket s = raw()) {
            OutputStream out = s.getOutputStream();
            out.write(associateRq());
            readPdu(s.getInputStream());
            out.write(new byte[] {0x04, 0, (byte) 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0});
            byte[] abort = readPdu(s.getInputStream());
            assertThat(abort[0]).isEqualTo((byte) PduType.A_ABORT);
            assertThat(abort[4]).isEqualTo((byte) PduFormatException.INVALID_PDU_PARAMETER);
        }
        assertServerStillServes();
    }

    @Test
    void pdvOnUnacceptedContextAndGarbageCommandAreAborted() throws Exception {
        for (byte[] pdata : new byte[][] {
            // PDV on context 3, never proposed
            {0x04, 0, 0, 0, 0, 8, 0, 0, 0, 4, 3, 3, 0, 0},
            // last command fragment that is not a command set
            {0x04, 0, 0, 0, 0, 10, 0, 0, 0, 6, 1, 3, 1, 2, 3, 4}}) {
            try (Socket s = raw()) {
                s.getOutputStream().write(associateRq());
                readPdu(s.getInputStream());
                s.getOutputStream().write(pdata);
                assertThat(readPdu(s.getInputStream())[0]).isEqualTo((byte) PduType.A_ABORT);
            }
        }
        assertServerStillServes();
    }

    @Test
    void idleAssociationIsAborted() throws Exception {
        try (Socket s = raw()) {
            s.getOutputStream().write(associateRq());
            readPdu(s.getInputStream());
            long t0 = System.nanoTime();
            assertThat(readPdu(s.getInputStream())[0]).isEqualTo((byte) PduType.A_ABORT);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(4));
        }
    }

    @Test
    void peerAbortFailsTheWaitingOperation() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); DicomClient c = new DicomClient(FAST)) {
            Thread peer = new Thread(() -> {
                try (Socket s = fake.accept()) {
                    readPdu(s.getInputStream());
                    AssociatePdu ac = new AssociatePdu();
                    ac.callingAeTitle = "A";
                    ac.calledAeTitle = "B";
                    ac.presentationContexts.add(PresentationContext.accepted(1, null, UID.ImplicitVRLittleEndian));
                    ac.maxPduLength = 16384;
                    ac.implementationClassUid = "1.2";
                    s.getOutputStream().write(PduCodec.encodeAssociate(PduType.A_ASSOCIATE_AC, ac));
                    readPdu(s.getInputStream()); // the C-ECHO-RQ
                    s.getOutputStream().write(PduCodec.encodeAbort(0, 0));
                    Thread.sleep(200);
                } catch (Exception e) {
                    // test peer
                }
            });
            peer.start();
            ScuAssociation as = c.connect("127.0.0.1", fake.getLocalPort(), AssociationRequest.builder("A", "B")
                    .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build());
            assertThatThrownBy(as::echo).isInstanceOf(AssociationAbortedException.class).hasMessageContaining("aborted by peer");
            assertThat(as.isOpen()).isFalse();
            peer.join(5000);
        }
    }

    /** Seeded mutations of valid PDUs: the decoders only ever throw their own exceptions. */
    @Test
    void fuzzedPdusOnlyRaiseToolkitExceptions() throws Exception {
        Random rnd = new Random(20240611L);
        byte[] rq = associateRq();
        byte[] body = Arrays.copyOfRange(rq, 6, rq.length);
        Command echo = Command.request(Command.C_ECHO_RQ, 1, UID.Verification, false);
        byte[] cmd = echo.encode();
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = mutate(rnd, i % 2 == 0 ? body : cmd);
            try {
                if (i % 2 == 0) {
                    PduCodec.decodeAssociate(PduType.A_ASSOCIATE_RQ, b, b.length);
                } else {
                    Command.decode(b, b.length);
                }
                decoded++;
            } catch (PduFormatException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
            PDataParser p = new PDataParser();
            p.reset(b, b.length);
            try {
                while (p.hasNext()) {
                    p.next();
                    assertThat(p.dataOffset() + p.dataLength()).isLessThanOrEqualTo(b.length);
                }
            } catch (PduFormatException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        assertThat(decoded).isPositive();
        // a few mutated association requests over the wire: the server answers or aborts, and keeps serving
        for (int i = 0; i < 25; i++) {
            byte[] m = mutate(rnd, body);
            try (Socket s = raw()) {
                s.getOutputStream().write(new byte[] {1, 0, (byte) (m.length >>> 24), (byte) (m.length >>> 16), (byte) (m.length >>> 8),
                        (byte) m.length});
                s.getOutputStream().write(m);
                int type = s.getInputStream().read();
                assertThat(type).isIn(-1, PduType.A_ASSOCIATE_AC, PduType.A_ASSOCIATE_RJ, PduType.A_ABORT);
            } catch (IOException e) {
                // connection reset by the server: acceptable
            }
        }
        assertServerStillServes();
    }

    private static byte[] mutate(Random rnd, byte[] src) {
        byte[] b = src.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            case 1 -> {
                for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            default -> {
                int at = rnd.nextInt(Math.max(1, b.length - 4));
                b[at] = (byte) 0xFF;
                b[at + 1] = (byte) 0xFF;
            }
        }
        return b;
    }
}
