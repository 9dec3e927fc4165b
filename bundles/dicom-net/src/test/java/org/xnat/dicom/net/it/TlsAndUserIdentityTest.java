package org.xnat.dicom.net.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRejectedException;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.UserIdentity;
import org.xnat.dicom.net.internal.io.Part10Header;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.dicom.net.scp.UserIdentityAuthenticator;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.dicom.net.testing.Corpus;
import org.xnat.dicom.net.testing.Dcmtk;
import org.xnat.dicom.net.tls.TlsOptions;

/** DICOM TLS with dcmtk (echoscu, storescu, storescp), user identity negotiation, asynchronous operations window. */
class TlsAndUserIdentityTest {
    /** Throw-away key pairs generated per run under target/ (never committed). */
    static Path keys;

    @BeforeAll
    static void generateKeys() throws Exception {
        keys = Files.createDirectories(Path.of("target", "tls-" + System.nanoTime()));
        for (String who : List.of("server", "client")) {
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=" + who, "-keyout", keys.resolve(who + "-key.pem").toString(),
                    "-out", keys.resolve(who + "-cert.pem").toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
    }

    private static TlsOptions serverTls(TlsOptions.ClientAuth auth) throws Exception {
        return TlsOptions.fromPem(keys.resolve("server-cert.pem"), keys.resolve("server-key.pem"), keys.resolve("client-cert.pem"), auth);
    }

    private static TlsOptions clientTls(boolean withCertificate) throws Exception {
        return TlsOptions.fromPem(withCertificate ? keys.resolve("client-cert.pem") : null,
                withCertificate ? keys.resolve("client-key.pem") : null, keys.resolve("server-cert.pem"), TlsOptions.ClientAuth.NONE);
    }

    private static DicomServer tlsServer(List<byte[]> sink) throws Exception {
        return DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1").aeTitles("ROUTER")
                .options(ConnectionOptions.builder().tls(serverTls(TlsOptions.ClientAuth.NEED)).build()).build())
                .storageSink((store, in) -> {
                    assertThat(store.association().tlsSession()).isPresent();
                    sink.add(in.readAllBytes());
                    return DimseStatus.SUCCESS;
                }).start();
    }

    @Test
    void echoscuAndStorescuOverTlsWithClientCertificate() throws Exception {
        List<byte[]> received = new CopyOnWriteArrayList<>();
        try (DicomServer scp = tlsServer(received)) {
            String[] tls = {"+tls", keys.resolve("client-key.pem").toString(), keys.resolve("client-cert.pem").toString(),
                    "-pw", "+cf", keys.resolve("server-cert.pem").toString()};
            List<String> echo = new ArrayList<>(List.of(tls));
            echo.addAll(List.of("-aec", "ROUTER", "127.0.0.1", Integer.toString(scp.port())));
            Dcmtk.Result r = Dcmtk.run(30, "echoscu", echo.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.output()).isZero();

            Corpus.Entry file = Corpus.part10Files().stream()
                    .filter(e -> e.header().transferSyntaxUid().equals(UID.ExplicitVRLittleEndian)).findFirst().orElseThrow();
            List<String> store = new ArrayList<>(List.of(tls));
            store.addAll(List.of("-R", "-xe", "-aec", "ROUTER", "127.0.0.1", Integer.toString(scp.port()), file.file().toString()));
            r = Dcmtk.run(30, "storescu", store.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(received).hasSize(1);
            // storescu re-encodes data sets, so check what arrived by parsing it
            try (org.xnat.dicom.io.DicomReader reader = new org.xnat.dicom.io.DicomReader(new java.io.ByteArrayInputStream(received.get(0)),
                    org.xnat.dicom.io.ReadOptions.defaults().transferSyntax(org.xnat.dicom.dict.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))) {
                assertThat(reader.readDataset().getString(org.xnat.dicom.data.Tag.SOPInstanceUID))
                        .isEqualTo(file.header().sopInstanceUid());
            }

            // without a client certificate the handshake must fail (client authentication required)
            r = Dcmtk.run(30, "echoscu", "+tla", "+cf", keys.resolve("server-cert.pem").toString(), "-aec", "ROUTER", "127.0.0.1",
                    Integer.toString(scp.port()));
            assertThat(r.exitCode()).isNotZero();
        }
    }

    @Test
    void ourScuOverTlsToStorescp() throws Exception {
        int port = Dcmtk.freePort();
        Path out = Files.createDirectories(keys.resolve("out-" + System.nanoTime()));
        Process storescp = Dcmtk.start(keys.resolve("storescp.log"), "storescp", "+tls", keys.resolve("server-key.pem").toString(),
                keys.resolve("server-cert.pem").toString(), "-pw", "+cf", keys.resolve("client-cert.pem").toString(),
                "-aet", "STORESCP", "+B", "-od", out.toString(), Integer.toString(port));
        try {
            Dcmtk.awaitPort(port, 10_000);
            Corpus.Entry file = Corpus.part10Files().stream()
                    .filter(e -> e.header().transferSyntaxUid().equals(UID.ExplicitVRLittleEndian)).findFirst().orElseThrow();
            try (DicomClient client = new DicomClient(ConnectionOptions.builder().tls(clientTls(true)).build());
                    ScuAssociation as = client.connect("127.0.0.1", port, AssociationRequest.builder("OURSCU", "STORESCP")
                            .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                            .addPresentationContext(file.header().sopClassUid(), UID.ExplicitVRLittleEndian).build())) {
                assertThat(as.tlsSession()).isPresent();
                assertThat(as.echo()).isZero();
                assertThat(as.store(file.file()).status()).isEqualTo(DimseStatus.SUCCESS);
                as.release();
            }
            try (var s = Files.list(out)) {
                Path written = s.findFirst().orElseThrow();
                Part10Header h = Part10Header.read(written);
                byte[] bytes = Files.readAllBytes(written);
                assertThat(Arrays.copyOfRange(bytes, (int) h.datasetOffset(), bytes.length)).isEqualTo(file.dataset());
            }
        } finally {
            storescp.destroyForcibly();
        }
    }

    @Test
    void ourScuWithoutClientCertificateIsRefusedByOurTlsScp() throws Exception {
        try (DicomServer scp = tlsServer(new ArrayList<>());
                DicomClient client = new DicomClient(ConnectionOptions.builder().tls(clientTls(false)).build())) {
            assertThatThrownBy(() -> client.connect("127.0.0.1", scp.port(), AssociationRequest.builder("OURSCU", "ROUTER")
                    .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build()))
                    .isInstanceOf(DicomNetworkException.class);
        }
        try (DicomServer scp = tlsServer(new ArrayList<>());
                DicomClient client = new DicomClient(ConnectionOptions.builder().tls(clientTls(true)).build());
                ScuAssociation as = client.connect("127.0.0.1", scp.port(), AssociationRequest.builder("OURSCU", "ROUTER")
                        .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build())) {
            assertThat(as.echo()).isZero();
        }
    }

    private static DicomServer identityServer(List<String> principals) throws Exception {
        UserIdentityAuthenticator auth = (id, calling, remote) -> {
            char[] pw = id.passcode();
            try {
                boolean ok = id.type() == UserIdentity.Type.USERNAME_PASSCODE && id.username().equals("alice")
                        && Arrays.equals(pw, "s3cret".toCharArray());
                return ok ? Optional.of(new UserIdentityAuthenticator.Authentication("alice", "welcome".getBytes()))
                        : Optional.empty();
            } finally {
                Arrays.fill(pw, '\0');
            }
        };
        return DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1").aeTitles("ROUTER").requireUserIdentity(true).build())
                .userIdentityAuthenticator(auth)
                .storageSink((store, in) -> {
                    principals.add(store.association().authenticatedUser().orElse("?"));
                    in.readAllBytes();
                    return DimseStatus.SUCCESS;
                }).start();
    }

    @Test
    void userIdentityIsHandedToTheAuthenticator() throws Exception {
        List<String> principals = new CopyOnWriteArrayList<>();
        Corpus.Entry file = Corpus.part10Files().stream()
                .filter(e -> e.header().transferSyntaxUid().equals(UID.ExplicitVRLittleEndian)).findFirst().orElseThrow();
        try (DicomServer scp = identityServer(principals); DicomClient client = new DicomClient(ConnectionOptions.defaults())) {
            AssociationRequest.Builder rq = AssociationRequest.builder("OURSCU", "ROUTER")
                    .addPresentationContext(file.header().sopClassUid(), file.header().transferSyntaxUid());
            try (ScuAssociation as = client.connect("127.0.0.1", scp.port(),
                    rq.userIdentity(UserIdentity.usernamePasscode("alice", "s3cret".toCharArray(), true)).build())) {
                assertThat(as.userIdentityServerResponse()).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("welcome"));
                assertThat(as.store(file.file()).status()).isEqualTo(DimseStatus.SUCCESS);
            }
            assertThat(principals).containsExactly("alice");
            assertThatThrownBy(() -> client.connect("127.0.0.1", scp.port(),
                    rq.userIdentity(UserIdentity.usernamePasscode("alice", "wrong".toCharArray(), false)).build()))
                    .isInstanceOf(AssociationRejectedException.class);
            assertThatThrownBy(() -> client.connect("127.0.0.1", scp.port(), rq.userIdentity(null).build()))
                    .isInstanceOf(AssociationRejectedException.class);

            // dcmtk's storescu negotiates user identity too
            Dcmtk.Result r = Dcmtk.run(30, "storescu", "-usr", "alice", "-pwd", "s3cret", "-R", "-xe", "-aec", "ROUTER",
                    "127.0.0.1", Integer.toString(scp.port()), file.file().toString());
            assertThat(r.exitCode()).as(r.output()).isZero();
            r = Dcmtk.run(30, "storescu", "-usr", "mallory", "-pwd", "guess", "-R", "-xe", "-aec", "ROUTER",
                    "127.0.0.1", Integer.toString(scp.port()), file.file().toString());
            assertThat(r.exitCode()).isNotZero();
            assertThat(principals).containsExactly("alice", "alice");
        }
    }

    @Test
    void asynchronousOperationsWindowLetsSeveralStoresBeOutstanding() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Corpus.Entry file = Corpus.part10Files().get(0);
        try (DicomServer scp = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1")
                        .options(ConnectionOptions.builder().asyncOperationsWindow(4, 4).build()).build())
                .storageSink((store, in) -> {
                    in.readAllBytes();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return DimseStatus.SUCCESS;
                }).start();
                DicomClient client = new DicomClient(ConnectionOptions.builder().asyncOperationsWindow(8, 8).build());
                ScuAssociation as = client.connect("127.0.0.1", scp.port(), AssociationRequest.builder("OURSCU", "ROUTER")
                        .addPresentationContext(file.header().sopClassUid(), file.header().transferSyntaxUid()).build())) {
            assertThat(as.maxOperationsInvoked()).isEqualTo(4);
            List<CompletableFuture<DimseResponse>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                futures.add(as.storeAsync(file.file()));
            }
            // four requests went out while the SCP still holds the first one
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
            assertThat(futures).noneMatch(CompletableFuture::isDone);
            CompletableFuture<CompletableFuture<DimseResponse>> fifth = CompletableFuture.supplyAsync(() -> {
                try {
                    return as.storeAsync(file.file());
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(300);
            assertThat(fifth).as("window full: the fifth request waits").isNotDone();
            release.countDown();
            futures.add(fifth.get(20, TimeUnit.SECONDS));
            for (CompletableFuture<DimseResponse> f : futures) {
                assertThat(f.get(20, TimeUnit.SECONDS).status()).isEqualTo(DimseStatus.SUCCESS);
            }
        }
    }
}
