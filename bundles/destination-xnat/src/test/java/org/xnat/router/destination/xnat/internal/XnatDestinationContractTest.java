package org.xnat.router.destination.xnat.internal;

import org.xnat.router.testing.Pydicom;
import org.xnat.router.testing.TestInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.health.HealthStatus;

/**
 * Contract test of the XNAT client against a local HTTP server that checks every request the way XNAT
 * would see it. No XNAT server can run in the build; this is the proof of the wire protocol.
 */
class XnatDestinationContractTest {

    private static final Map<String, Object> OPTIONS = Map.of("project_id", "PROJ", "subject_prefix", "S_",
            "session_prefix", "E_");

    @TempDir
    Path tmp;
    FakeXnat xnat;

    @BeforeAll
    static void pydicom() {
        Pydicom.assumeAvailable();
    }

    @BeforeEach
    void start() throws Exception {
        xnat = new FakeXnat();
    }

    @AfterEach
    void stop() {
        xnat.close();
    }

    private Destination destination(String url, String password, int timeoutSeconds) throws Exception {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("url", url);
        props.put("username", FakeXnat.USER);
        props.put("password", password);
        props.put("timeout", timeoutSeconds);
        return new XnatDestinationFactory().create(new ComponentConfig("xnat-test", "xnat", props));
    }

    private Destination destination() throws Exception {
        return destination(xnat.url() + "/", FakeXnat.PASSWORD, 10);
    }

    private static TestInstance instance(Path file) throws Exception {
        return TestInstance.of(file, Pydicom.read(file, "SOPInstanceUID").get("SOPInstanceUID"));
    }

    @Test
    void uploadsTheStudyAsOneZipInsideOneSession() throws Exception {
        List<Path> files = List.of(Pydicom.corpus("CT_small.dcm"), Pydicom.corpus("MR_small.dcm"),
                Pydicom.corpus("rtplan.dcm"));
        List<TestInstance> instances = new ArrayList<>();
        for (Path f : files) {
            instances.add(instance(f));
        }
        Map<String, String> first = Pydicom.read(files.get(0), "PatientID", "StudyDate", "StudyInstanceUID");
        TestDelivery delivery = new TestDelivery(first.get("StudyInstanceUID"), OPTIONS, instances);

        try (Destination d = destination()) {
            d.deliver(delivery);
        }

        assertThat(xnat.methodsAndPaths()).containsExactly("POST /data/JSESSION", "POST /data/services/import",
                "DELETE /data/JSESSION");
        FakeXnat.Request login = xnat.requests.get(0);
        assertThat(login.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((FakeXnat.USER + ":" + FakeXnat.PASSWORD).getBytes(StandardCharsets.UTF_8)));

        FakeXnat.Request upload = xnat.requests.get(1);
        String uidDigits = first.get("StudyInstanceUID").replace(".", "");
        assertThat(upload.query()).containsExactly(
                Map.entry("import-handler", "DICOM-zip"),
                Map.entry("inbody", "true"),
                Map.entry("format", "DICOM"),
                Map.entry("dest", "/archive/projects/PROJ"),
                Map.entry("PROJECT_ID", "PROJ"),
                Map.entry("SUBJECT_ID", "S_" + first.get("PatientID")),
                Map.entry("EXPT_LABEL", "E_" + first.get("StudyDate") + "_" + uidDigits.substring(uidDigits.length() - 8)));
        assertThat(upload.query().get("EXPT_LABEL")).isEqualTo("E_20040119_73012322");
        assertThat(upload.header("Cookie")).isEqualTo("JSESSIONID=" + FakeXnat.SESSION);
        assertThat(upload.header("Authorization")).isNull();
        assertThat(upload.header("Content-Type")).isEqualTo("application/zip");
        assertThat(upload.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
        assertThat(upload.header("Content-Length")).isNull();
        assertThat(upload.bodyError()).isNull();
        assertThat(upload.zipEntries().keySet()).containsExactly(instances.get(0).sopInstanceUid() + ".dcm",
                instances.get(1).sopInstanceUid() + ".dcm", instances.get(2).sopInstanceUid() + ".dcm");
        for (int i = 0; i < files.size(); i++) {
            assertThat(upload.zipEntries().get(instances.get(i).sopInstanceUid() + ".dcm"))
                    .as(files.get(i).toString()).isEqualTo(Files.readAllBytes(files.get(i)));
        }

        assertThat(xnat.requests.get(2).header("Cookie")).isEqualTo("JSESSIONID=" + FakeXnat.SESSION);
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        assertThat(delivery.lastProgress()).containsExactly(3, total);
    }

    @Test
    void autoArchiveFalseGoesToThePrearchive() throws Exception {
        Path ct = Pydicom.corpus("CT_small.dcm");
        Map<String, Object> options = Map.of("project_id", "PROJ", "auto_archive", "false");
        try (Destination d = destination()) {
            d.deliver(new TestDelivery("1.2.3", options, List.of(instance(ct))));
        }
        Map<String, String> query = xnat.requests.get(1).query();
        assertThat(query.get("dest")).isEqualTo("/prearchive/projects/PROJ");
        assertThat(query.get("SUBJECT_ID")).isEqualTo(Pydicom.read(ct, "PatientID").get("PatientID"));
        assertThat(query.get("EXPT_LABEL")).isEqualTo("20040119_123"); // the delivery's study UID wins; it is short
    }

    @Test
    void accessionNumberNamesTheSessionAndPatientNameStandsInForAMissingId() throws Exception {
        Path file = tmp.resolve("named.dcm");
        Map<String, String> set = new LinkedHashMap<>();
        set.put("PatientID", "''");
        set.put("PatientName", "'Doe^John^^'");
        set.put("AccessionNumber", "'ACC/42 x'");
        Pydicom.rewrite(Pydicom.corpus("CT_small.dcm"), file, set);
        try (Destination d = destination()) {
            d.deliver(new TestDelivery("1.2.3", Map.of("project_id", "P1", "session_prefix", "MR-"),
                    List.of(instance(file))));
        }
        Map<String, String> query = xnat.requests.get(1).query();
        assertThat(query.get("SUBJECT_ID")).isEqualTo("Doe_John");
        assertThat(query.get("EXPT_LABEL")).isEqualTo("MR-ACC_42_x");
        assertThat(xnat.requests.get(1).zipEntries().values()).singleElement()
                .isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void refusedCredentialsAreNotRetryableAndNeverShowThePassword() throws Exception {
        String wrong = "wrong-Pa55word";
        try (Destination d = destination(xnat.url(), wrong, 10)) {
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", OPTIONS,
                    List.of(instance(Pydicom.corpus("CT_small.dcm"))))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.instancesDelivered()).isZero();
                        assertThat(e.getMessage()).contains("HTTP 401").contains("check username/password")
                                .contains("Bad credentials for this XNAT").doesNotContain(wrong);
                    });
        }
        assertThat(xnat.methodsAndPaths()).containsExactly("POST /data/JSESSION");
    }

    @Test
    void serverErrorOnImportIsRetryableWithTheFirst500CharactersOfTheAnswer() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 2000; i++) {
            body.append("line ").append(i).append(' ');
        }
        xnat.importStatus = 503;
        xnat.importAnswer = body.toString();
        try (Destination d = destination()) {
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", OPTIONS,
                    List.of(instance(Pydicom.corpus("CT_small.dcm"))))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("HTTP 503").contains(body.substring(0, 500))
                                .doesNotContain(body.substring(0, 501));
                    });
        }
        assertThat(xnat.methodsAndPaths()).containsExactly("POST /data/JSESSION", "POST /data/services/import",
                "DELETE /data/JSESSION");
    }

    @Test
    void forbiddenImportIsNotRetryable() throws Exception {
        xnat.importStatus = 403;
        xnat.importAnswer = "User router has no access to project PROJ";
        try (Destination d = destination()) {
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", OPTIONS,
                    List.of(instance(Pydicom.corpus("CT_small.dcm"))))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("HTTP 403").contains("no access to project PROJ");
                    });
        }
        assertThat(xnat.methodsAndPaths()).endsWith("DELETE /data/JSESSION");
    }

    @Test
    void anEarlyRefusalOfABigUploadEndsPromptly() throws Exception {
        xnat.importAnswersBeforeReading = true;
        xnat.importStatus = 400;
        xnat.importAnswer = "Unknown project";
        Path ct = Pydicom.corpus("CT_small.dcm");
        List<TestInstance> many = new ArrayList<>(Collections.nCopies(40, instance(ct))); // ~1.5 MB > the pipe
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Destination d = destination()) {
                assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", OPTIONS, many)))
                        .isInstanceOfSatisfying(DeliveryException.class, e -> {
                            assertThat(e.getMessage()).contains("Unknown project").contains("HTTP 400");
                            assertThat(e.retryable()).isFalse();
                        });
            }
        });
        assertThat(xnat.methodsAndPaths()).endsWith("DELETE /data/JSESSION");
    }

    @Test
    void aSourceFailingMidwayAbortsTheUploadInsteadOfCompletingIt() throws Exception {
        Path ct = Pydicom.corpus("CT_small.dcm");
        Path mr = Pydicom.corpus("MR_small.dcm");
        TestInstance broken = TestInstance.failingAfter(mr, Pydicom.read(mr, "SOPInstanceUID").get("SOPInstanceUID"),
                Files.size(mr) / 2);
        try (Destination d = destination()) {
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", OPTIONS, List.of(instance(ct), broken))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.instancesDelivered()).isZero();
                        assertThat(e.getMessage()).contains("simulated read failure").contains(broken.sopInstanceUid());
                    });
        }
        // XNAT never received a complete ZIP (the chunked body was cut, not terminated), and the session ended
        waitFor(() -> xnat.methodsAndPaths().contains("DELETE /data/JSESSION")
                && xnat.methodsAndPaths().contains("POST /data/services/import"));
        FakeXnat.Request upload = xnat.requests.stream().filter(r -> r.path().endsWith("/import")).findFirst()
                .orElseThrow();
        assertThat(upload.bodyError()).contains("body cut:");
    }

    @Test
    void cancellingADeliveryStopsTheUploadAndEndsTheSession() throws Exception {
        xnat.importDelayMillis = 3000; // XNAT reads nothing for a while: the upload stream fills up and waits
        // 24 MB that do not compress: more than socket buffers hold, so the upload is still running when cancelled
        byte[] noise = new byte[1 << 20];
        new java.util.Random(3).nextBytes(noise);
        Path noiseFile = Files.write(tmp.resolve("noise.bin"), noise);
        List<TestInstance> many = new ArrayList<>();
        many.add(instance(Pydicom.corpus("CT_small.dcm"))); // the first instance names the session
        for (int i = 0; i < 24; i++) {
            many.add(TestInstance.of(noiseFile, "1.2.3." + i));
        }
        try (Destination d = destination()) {
            Thread deliverer = Thread.currentThread();
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(700);
                } catch (InterruptedException e) {
                    return;
                }
                deliverer.interrupt();
            });
            canceller.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", OPTIONS, many)))
                    .isInstanceOf(InterruptedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            canceller.join();
        } finally {
            Thread.interrupted();
        }
        assertThat(xnat.methodsAndPaths()).contains("DELETE /data/JSESSION");
        waitFor(() -> xnat.requests.stream().anyMatch(r -> r.path().endsWith("/import")));
        assertThat(xnat.requests.stream().filter(r -> r.path().endsWith("/import")).findFirst().orElseThrow()
                .bodyError()).as("XNAT saw a broken upload, not a complete ZIP").contains("body cut:");
    }

    @Test
    void missingProjectIsRefusedBeforeAnyRequest() throws Exception {
        try (Destination d = destination()) {
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", Map.of(),
                    List.of(instance(Pydicom.corpus("CT_small.dcm"))))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("project_id");
                    });
        }
        assertThat(xnat.requests).isEmpty();
    }

    @Test
    void refusedConnectionIsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (Destination d = destination("http://127.0.0.1:" + port, FakeXnat.PASSWORD, 5)) {
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", OPTIONS,
                    List.of(instance(Pydicom.corpus("CT_small.dcm"))))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("refused the connection");
                    });
            assertThat(d.check().status()).isEqualTo(HealthStatus.DOWN);
        }
    }

    @Test
    void aSilentServerTimesOutAsRetryable() throws Exception {
        xnat.sessionDelayMillis = 4000;
        long start = System.nanoTime();
        try (Destination d = destination(xnat.url(), FakeXnat.PASSWORD, 1)) {
            assertThatThrownBy(() -> d.deliver(new TestDelivery("1.2", OPTIONS,
                    List.of(instance(Pydicom.corpus("CT_small.dcm"))))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("timeout");
                    });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void healthUsesBasicAuthAndEndsTheSessionItOpened() throws Exception {
        try (Destination d = destination()) {
            var report = d.check();
            assertThat(report.status()).isEqualTo(HealthStatus.UP);
            assertThat(report.detail()).contains("1.8.10").contains(FakeXnat.USER);
        }
        waitFor(() -> xnat.methodsAndPaths().size() == 2);
        assertThat(xnat.methodsAndPaths()).containsExactly("GET /xapi/siteConfig/buildInfo", "DELETE /data/JSESSION");
        assertThat(xnat.requests.get(1).header("Cookie")).isEqualTo("JSESSIONID=" + FakeXnat.HEALTH_SESSION);

        try (Destination d = destination(xnat.url(), "nope", 10)) {
            var report = d.check();
            assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(report.detail()).contains("HTTP 401").contains("check username/password").doesNotContain("nope");
        }
        xnat.healthStatus = 500;
        try (Destination d = destination()) {
            assertThat(d.check().status()).isEqualTo(HealthStatus.DOWN);
        }
    }

    /** Waits for what the fake server records on its own threads; generous, since CI machines are loaded. */
    private void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 30 s; server saw " + xnat.methodsAndPaths()).isTrue();
    }
}
