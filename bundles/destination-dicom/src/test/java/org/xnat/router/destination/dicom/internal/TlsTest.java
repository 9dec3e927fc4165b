package org.xnat.router.destination.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.health.HealthStatus;

/** DICOM TLS to dcmtk's storescp, which requires our client certificate. */
class TlsTest {

    @TempDir
    static Path keys;

    @BeforeAll
    static void certificates() throws Exception {
        Pydicom.assumeAvailable();
        Storescp.assumeInstalled();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        for (String who : List.of("server", "client", "stranger")) {
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=" + who, "-keyout", keys.resolve(who + "-key.pem").toString(),
                    "-out", keys.resolve(who + "-cert.pem").toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
    }

    private Storescp storescp(Path work) throws Exception {
        return Storescp.start(work, "+tls", keys.resolve("server-key.pem").toString(),
                keys.resolve("server-cert.pem").toString(), "-pw", "+cf", keys.resolve("client-cert.pem").toString());
    }

    @Test
    void deliversOverTlsWithAClientCertificate(@TempDir Path work) throws Exception {
        TestInstance ct = TestInstance.of(Pydicom.corpus("CT_small.dcm"));
        try (Storescp scp = storescp(work);
                DicomDestination d = StorescpDeliveryTest.destination(scp.port, Map.of("tls", true,
                        "tls_trust", keys.resolve("server-cert.pem").toString(),
                        "tls_certificate", keys.resolve("client-cert.pem").toString(),
                        "tls_key", keys.resolve("client-key.pem").toString(), "idle_timeout_seconds", 0))) {
            TestDelivery delivery = new TestDelivery(List.of(ct));
            d.deliver(delivery);
            assertThat(delivery.resultOf(ct.sopInstanceUid()).success()).isTrue();
            assertThat(Storescp.datasetBytes(scp.received(ct.sopInstanceUid()))).isEqualTo(Storescp.datasetBytes(ct.file));
            assertThat(d.check().status()).isEqualTo(HealthStatus.UP);
        }
    }

    @Test
    void anUntrustedServerCertificateIsNotRetryable(@TempDir Path work) throws Exception {
        TestInstance ct = TestInstance.of(Pydicom.corpus("CT_small.dcm"));
        try (Storescp scp = storescp(work);
                DicomDestination d = StorescpDeliveryTest.destination(scp.port, Map.of("tls", true,
                        "tls_trust", keys.resolve("stranger-cert.pem").toString(),
                        "tls_certificate", keys.resolve("client-cert.pem").toString(),
                        "tls_key", keys.resolve("client-key.pem").toString()))) {
            assertThatThrownBy(() -> d.deliver(new TestDelivery(List.of(ct))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("TLS").contains("tls_trust");
                    });
            assertThat(d.check().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(scp.receivedCount()).isZero();
        }
    }
}
