package org.xnat.router.deid.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingContext;
import org.xnat.router.api.processor.ProcessingException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The remote honest broker against a local HTTP server speaking the token/lookup protocol (plain http through
 * {@code scheme: http}): up, slow (timeout), down and answering errors.
 */
class RemoteHonestBrokerTest {

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();
    private final List<JsonNode> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> idsIn = new CopyOnWriteArrayList<>();
    /** What the lookup handler does: status, body, delay. */
    private volatile Behaviour behaviour = Behaviour.ok();

    record Behaviour(int status, String body, long delayMillis, int failFirst) {
        static Behaviour ok() {
            return new Behaviour(200, null, 0, 0);
        }
    }

    @BeforeEach
    void start() throws IOException {
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/token", x -> {
            tokens.incrementAndGet();
            tokenRequests.add(new ObjectMapper().readTree(x.getRequestBody().readAllBytes()));
            answer(x, 200, "{\"access_token\":\"tok-" + tokens.get() + "\",\"expires_in\":3600}");
        });
        server.createContext("/DeIdentification/lookup", x -> {
            int n = lookups.incrementAndGet();
            Behaviour b = behaviour;
            if (!("Bearer tok-" + tokens.get()).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                answer(x, 401, "");
                return;
            }
            String query = x.getRequestURI().getRawQuery();
            String id = URLDecoder.decode(query.substring("idIn=".length()), StandardCharsets.UTF_8);
            idsIn.add(id);
            sleep(b.delayMillis());
            if (n <= b.failFirst() || b.failFirst() == 0 && b.status() != 200) {
                answer(x, b.status(), b.body() == null ? "" : b.body());
                return;
            }
            answer(x, 200, b.body() != null && b.status() == 200 ? b.body() : "[{\"idOut\":\"R-" + id.hashCode() + "\"}]");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    private Map<String, Object> settings(int port) {
        Map<String, Object> p = new HashMap<>();
        p.put("broker_type", "remote");
        p.put("scheme", "http");
        p.put("sts_host", "127.0.0.1:" + port);
        p.put("api_host", "127.0.0.1:" + port);
        p.put("username", "router");
        p.put("password", "s3cret");
        p.put("app_name", "xnat-router");
        p.put("app_key", "k3y");
        p.put("timeout_seconds", 1);
        p.put("retries", 1);
        return p;
    }

    private RemoteHonestBroker broker(Map<String, Object> props, Crosswalk cw) throws InvalidConfigurationException {
        return (RemoteHonestBroker) Brokers.create(new ComponentConfig("research", "remote", props), "", cw);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    @Test
    void looksUpWithATokenEncodesValuesCachesAndRecordsInTheCrosswalk() throws Exception {
        InMemoryCrosswalk cw = new InMemoryCrosswalk();
        RemoteHonestBroker b = broker(settings(port()), cw);
        String odd = "Doe & Ünal/1?x=2 #3";
        String research = b.map(IdType.PATIENT_ID, odd);
        assertThat(research).isEqualTo("R-" + odd.hashCode());
        assertThat(idsIn).containsExactly(odd);
        assertThat(tokenRequests).hasSize(1);
        JsonNode credentials = tokenRequests.get(0);
        assertThat(credentials.get("UserName").asText()).isEqualTo("router");
        assertThat(credentials.get("AppName").asText()).isEqualTo("xnat-router");
        assertThat(credentials.get("AppKey").asText()).isEqualTo("k3y");
        assertThat(credentials.get("Password").asText()).isEqualTo("s3cret");

        // cached: the name follows the ID without asking again, the token is reused
        assertThat(b.map(IdType.PATIENT_NAME, odd)).isEqualTo(research);
        assertThat(b.map(IdType.PATIENT_ID, odd)).isEqualTo(research);
        assertThat(lookups.get()).isEqualTo(1);
        assertThat(b.map(IdType.ACCESSION, "ACC 7")).isEqualTo("R-" + "ACC 7".hashCode());
        assertThat(lookups.get()).isEqualTo(2);
        assertThat(tokens.get()).isEqualTo(1);
        assertThat(cw.find("research", IdType.PATIENT_ID, odd)).isEqualTo(research);
        assertThat(cw.find("research", IdType.ACCESSION, "ACC 7")).isEqualTo("R-" + "ACC 7".hashCode());
        assertThat(cw.find("research", IdType.PATIENT_NAME, odd)).isEqualTo(research);

        Map<String, Object> noCache = settings(port());
        noCache.put("cache_ttl_seconds", 0);
        RemoteHonestBroker uncached = broker(noCache, cw);
        uncached.map(IdType.PATIENT_ID, odd);
        uncached.map(IdType.PATIENT_ID, odd);
        assertThat(lookups.get()).isEqualTo(4);
    }

    @Test
    void concurrentLookupsOfOneValueAskTheServiceOnce() throws Exception {
        behaviour = new Behaviour(200, null, 300, 0); // slow enough for every thread to ask at once
        RemoteHonestBroker b = broker(settings(port()), new InMemoryCrosswalk());
        java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(threads.submit(() -> b.map(IdType.PATIENT_ID, "PID-42")));
            }
            for (java.util.concurrent.Future<String> a : answers) {
                assertThat(a.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("R-" + "PID-42".hashCode());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void theProcessorReplacesIdentifiersAndGivesTheXnatLabels() throws Exception {
        DatasetProcessor p = new HonestBrokerProcessorFactory(new InMemoryCrosswalk())
                .create(new ComponentConfig("research", "honest-broker", settings(port())));
        Attributes a = new Attributes();
        a.setString(Tag.PatientID, VR.LO, "MRN1");
        a.setString(Tag.PatientName, VR.PN, "Doe^John");
        a.setString(Tag.AccessionNumber, VR.SH, "A1");
        Map<String, String> vars = new HashMap<>();
        p.process(a, context(vars));
        String subject = "R-" + "MRN1".hashCode();
        assertThat(a.getString(Tag.PatientID)).isEqualTo(subject);
        assertThat(a.getString(Tag.PatientName)).isEqualTo(subject);
        assertThat(a.getString(Tag.AccessionNumber)).isEqualTo("R-" + "A1".hashCode());
        assertThat(vars).containsEntry("subject", subject).containsEntry("session", subject + "-R-" + "A1".hashCode());
    }

    @Test
    void aSlowServiceTimesOutAsATransientFailure() throws Exception {
        behaviour = new Behaviour(200, null, 3000, 0);
        RemoteHonestBroker b = broker(settings(port()), new InMemoryCrosswalk());
        long start = System.nanoTime();
        assertThatThrownBy(() -> b.map(IdType.PATIENT_ID, "MRN1")).isInstanceOf(BrokerException.class)
                .hasMessageContaining("unavailable after 2 attempt(s)").hasMessageContaining("HttpTimeoutException")
                .hasCauseInstanceOf(IOException.class);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("two attempts of 1 s plus the pause, not the server's 3 s each").isLessThan(3500);
    }

    @Test
    void aServiceThatIsDownFailsTransientlyAndTheProcessorSendsNothing() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        RemoteHonestBroker b = broker(settings(closed), new InMemoryCrosswalk());
        assertThatThrownBy(() -> b.map(IdType.PATIENT_ID, "MRN1")).isInstanceOf(BrokerException.class)
                .hasMessageContaining("unavailable").hasCauseInstanceOf(IOException.class);

        DatasetProcessor p = new HonestBrokerProcessorFactory(new InMemoryCrosswalk())
                .create(new ComponentConfig("research", "honest-broker", settings(closed)));
        Attributes a = new Attributes();
        a.setString(Tag.PatientID, VR.LO, "MRN1");
        assertThatThrownBy(() -> p.process(a, context(new HashMap<>()))).isInstanceOf(ProcessingException.class)
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(a.getString(Tag.PatientID)).isEqualTo("MRN1");
    }

    @Test
    void serverErrorsAreRetriedAndRefusalsAreNot() throws Exception {
        behaviour = new Behaviour(503, "busy", 0, 1);
        RemoteHonestBroker b = broker(settings(port()), new InMemoryCrosswalk());
        assertThat(b.map(IdType.PATIENT_ID, "MRN1")).as("one 503, then an answer").isEqualTo("R-" + "MRN1".hashCode());
        assertThat(lookups.get()).isEqualTo(2);

        behaviour = new Behaviour(500, "", 0, 0);
        assertThatThrownBy(() -> b.map(IdType.PATIENT_ID, "MRN2")).hasMessageContaining("HTTP 500")
                .hasCauseInstanceOf(IOException.class);

        behaviour = new Behaviour(404, "", 0, 0);
        assertThatThrownBy(() -> b.map(IdType.PATIENT_ID, "MRN3")).hasMessageContaining("refused with HTTP 404")
                .satisfies(e -> assertThat(e.getCause()).isNull());

        behaviour = new Behaviour(200, "[]", 0, 0);
        assertThatThrownBy(() -> b.map(IdType.PATIENT_ID, "MRN4")).hasMessageContaining("has no research ID")
                .satisfies(e -> assertThat(e.getCause()).isNull());

        behaviour = new Behaviour(200, "<html>proxy error</html>", 0, 0);
        assertThatThrownBy(() -> b.map(IdType.PATIENT_ID, "MRN5")).hasMessageContaining("not JSON");

        behaviour = new Behaviour(200, "[{\"other\":1}]", 0, 0);
        assertThatThrownBy(() -> b.map(IdType.PATIENT_ID, "MRN6")).hasMessageContaining("no idOut");

        behaviour = new Behaviour(200, "[{\"idOut\":\"" + "x".repeat(RemoteHonestBroker.MAX_BODY) + "\"}]", 0, 0);
        assertThatThrownBy(() -> b.map(IdType.PATIENT_ID, "MRN7")).hasMessageContaining("larger than")
                .hasCauseInstanceOf(IOException.class);

        assertThatThrownBy(() -> b.map(IdType.DATE_SHIFT, "MRN1")).hasMessageContaining("gives no date shift");
    }

    @Test
    void anExpiredTokenIsRenewedOnce() throws Exception {
        RemoteHonestBroker b = broker(settings(port()), new InMemoryCrosswalk());
        b.map(IdType.PATIENT_ID, "MRN1");
        tokens.incrementAndGet(); // the service forgets the token the broker holds
        assertThat(b.map(IdType.PATIENT_ID, "MRN2")).isEqualTo("R-" + "MRN2".hashCode());
        assertThat(tokens.get()).isEqualTo(3);
    }

    @Test
    void settingsAreValidated() {
        Map<String, Object> p = new HashMap<>();
        p.put("broker_type", "remote");
        p.put("scheme", "ftp");
        p.put("sts_host", "https://sts.example.org/token");
        p.put("timeout_seconds", 0);
        p.put("date_shift_enabled", true);
        assertThatThrownBy(() -> Brokers.validate(new ComponentConfig("r", "remote", p), "honest_broker."))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("honest_broker.scheme").hasMessageContaining("honest_broker.sts_host")
                .hasMessageContaining("honest_broker.api_host").hasMessageContaining("honest_broker.username")
                .hasMessageContaining("honest_broker.timeout_seconds")
                .hasMessageContaining("honest_broker.date_shift_enabled");
        RemoteBrokerSettings ok;
        try {
            ok = RemoteBrokerSettings.parse(new ComponentConfig("r", "remote", settings(443)), "");
        } catch (InvalidConfigurationException e) {
            throw new AssertionError(e);
        }
        assertThat(ok.toString()).doesNotContain("s3cret").doesNotContain("k3y");
    }

    private static ProcessingContext context(Map<String, String> vars) {
        return new ProcessingContext() {
            @Override
            public String routeAeTitle() {
                return "R";
            }

            @Override
            public String destinationName() {
                return "d";
            }

            @Override
            public String callingAeTitle() {
                return "C";
            }

            @Override
            public Map<String, String> variables() {
                return vars;
            }
        };
    }
}
