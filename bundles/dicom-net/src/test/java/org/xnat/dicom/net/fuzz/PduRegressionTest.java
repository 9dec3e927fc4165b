package org.xnat.dicom.net.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;

/**
 * Replays the byte streams the PDU fuzzers once crashed on ({@code src/test/resources/fuzz/regressions/pdu-*.bin})
 * against the in-process decoders and against a live {@link DicomServer}. Each has a {@code .expected} file: line 1
 * {@code CONSUMED} or {@code REJECTED <message fragment>} for {@link PduTarget}, line 2 {@code SERVER <first PDU
 * the server answers with>}, then comments saying what the input broke.
 */
class PduRegressionTest {

    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder().artimTimeout(Duration.ofMillis(1000))
            .idleTimeout(Duration.ofMillis(1500)).build();
    private static ExecutorService worker;
    private static DicomServer server;
    private static LogTap log;

    @BeforeAll
    static void start() throws IOException {
        worker = PduTarget.newWorker("pdu-regression");
        log = new LogTap();
        server = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1").options(OPTIONS).build())
                .storageSink((store, in) -> {
                    in.readAllBytes();
                    return DimseStatus.SUCCESS;
                }).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        log.close();
        worker.shutdownNow();
    }

    static List<Path> crashers() throws Exception {
        Path dir = Path.of(PduRegressionTest.class.getResource("/fuzz/regressions").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = files.filter(f -> f.getFileName().toString().matches("pdu-.*\\.bin")).sorted().toList();
            assertThat(list).as("regression inputs").isNotEmpty();
            return list;
        }
    }

    @ParameterizedTest
    @MethodSource("crashers")
    void formerCrasherIsHandled(Path input) throws Exception {
        byte[] bytes = Files.readAllBytes(input);
        List<String> expected = Files.readAllLines(
                input.resolveSibling(input.getFileName().toString().replace(".bin", ".expected")),
                StandardCharsets.UTF_8);

        // in process
        PduTarget.Outcome o = PduTarget.run(worker, () -> {
            PduTarget.consume(bytes);
            return null;
        }, 2000);
        String[] codec = expected.get(0).strip().split(" ", 2);
        assertThat(o.verdict().name()).as(o.describe()).isEqualTo(codec[0]);
        if (codec.length > 1) {
            assertThat(o.error()).hasMessageContaining(codec[1]);
        }

        // live: the expected answer, the connection closed, no internal error, and the server still serves
        int errorsBefore = log.errors().size();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(bytes);
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            int first = in.read();
            assertThat(pduName(first)).isEqualTo(expected.get(1).strip().split(" ", 2)[1]);
            in.readAllBytes(); // until the server closes (a timeout here fails the test)
        }
        try (DicomClient c = new DicomClient(OPTIONS); ScuAssociation as = c.connect("127.0.0.1", server.port(),
                AssociationRequest.builder("CHECK", "ROUTER").addPresentationContext(UID.Verification,
                        UID.ImplicitVRLittleEndian).build())) {
            assertThat(as.echo()).isEqualTo(DimseStatus.SUCCESS);
        }
        Thread.sleep(200); // the accept path closes the socket before it logs
        List<String> errors = log.errors();
        assertThat(errors.subList(errorsBefore, errors.size())).as("internal errors logged").isEmpty();
    }

    private static String pduName(int type) {
        return switch (type) {
            case -1 -> "(closed)";
            case 2 -> "A-ASSOCIATE-AC";
            case 3 -> "A-ASSOCIATE-RJ";
            case 4 -> "P-DATA-TF";
            case 6 -> "A-RELEASE-RP";
            case 7 -> "A-ABORT";
            default -> "type " + type;
        };
    }
}
