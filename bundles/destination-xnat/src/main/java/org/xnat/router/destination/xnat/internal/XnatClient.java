package org.xnat.router.destination.xnat.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.health.HealthReport;

/**
 * The few XNAT REST calls the destination needs, on {@link HttpClient} (HTTP/1.1, so a body of unknown
 * length goes chunked). Logs never contain the password, the Authorization header or the session id.
 */
final class XnatClient {

    static final String JSESSION = "/data/JSESSION";
    static final String IMPORT = "/data/services/import";
    static final String BUILD_INFO = "/xapi/siteConfig/buildInfo";
    private static final int MAX_BODY = 64 * 1024;
    private static final Duration MAX_HEALTH_WAIT = Duration.ofSeconds(10);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{1,512}");
    private static final Pattern SESSION_COOKIE = Pattern.compile("JSESSIONID=([^;\\s]+)");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]{1,40})\"");
    private static final Logger LOG = LoggerFactory.getLogger(XnatClient.class);

    /** XNAT's answer: status, capped body text, redirect target if any, cookie session if any. */
    record Answer(int status, String body, String location, String sessionCookie) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final XnatConfig config;
    private final HttpClient http;

    XnatClient(XnatConfig config, ExecutorService executor) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirected POST loses its body; say so instead
                .executor(executor)
                .build();
    }

    /** {@code POST /data/JSESSION} with basic authentication; returns the session id XNAT hands out. */
    String openSession() throws DeliveryException, InterruptedException {
        String action = "opening a session (POST " + JSESSION + ")";
        HttpRequest request = HttpRequest.newBuilder(config.resolve(JSESSION, null))
                .timeout(config.timeout())
                .header("Authorization", basicAuth())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        Answer answer = send(request, action, config.timeout());
        if (!answer.ok()) {
            throw XnatErrors.http(action, answer.status(), answer.body(), answer.location(), config);
        }
        String body = answer.body().strip();
        if (TOKEN.matcher(body).matches()) {
            return body;
        }
        if (answer.sessionCookie() != null) {
            return answer.sessionCookie();
        }
        throw new DeliveryException("XNAT at " + config.baseUrl() + " answered " + action
                + " without a session id; is 'url' an XNAT server? XNAT answered: " + XnatErrors.excerpt(body), false);
    }

    /** {@code DELETE /data/JSESSION}: ends the session. Best effort: a failure is only logged. */
    void closeSession(String sessionId) {
        HttpRequest request = HttpRequest.newBuilder(config.resolve(JSESSION, null))
                .timeout(config.timeout())
                .header("Cookie", "JSESSIONID=" + sessionId)
                .DELETE()
                .build();
        boolean interrupted = Thread.interrupted(); // end the session even when the delivery was cancelled
        try {
            Answer answer = send(request, "closing the session", config.timeout());
            if (!answer.ok()) {
                LOG.debug("Destination '{}': XNAT answered HTTP {} to DELETE {}", config.name(), answer.status(), JSESSION);
            }
        } catch (DeliveryException | InterruptedException e) {
            LOG.debug("Destination '{}': could not end the XNAT session: {}", config.name(), e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code POST /data/services/import} with the ZIP streamed from {@code body} (chunked). Returns XNAT's
     * answer, whatever its status; transport failures are thrown.
     */
    CompletableFuture<HttpResponse<String>> startImport(String sessionId, XnatLabels labels,
            java.util.function.Supplier<java.io.InputStream> body) {
        HttpRequest request = HttpRequest.newBuilder(config.resolve(IMPORT, query(importParameters(labels))))
                .timeout(config.uploadTimeout())
                .header("Cookie", "JSESSIONID=" + sessionId)
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofInputStream(body))
                .build();
        return http.sendAsync(request, CappedBody.handler(MAX_BODY));
    }

    /** The query of the import request, in a stable order. */
    static Map<String, String> importParameters(XnatLabels labels) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("import-handler", "DICOM-zip");
        p.put("inbody", "true");
        p.put("format", "DICOM");
        p.put("dest", labels.destination());
        p.put("PROJECT_ID", labels.project());
        p.put("SUBJECT_ID", labels.subject());
        p.put("EXPT_LABEL", labels.session());
        return p;
    }

    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Answer answer(HttpResponse<String> response) {
        Optional<String> location = response.headers().firstValue("Location");
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .map(SESSION_COOKIE::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
        return new Answer(response.statusCode(), response.body() == null ? "" : response.body(), location.orElse(null),
                cookie);
    }

    /** {@code GET /xapi/siteConfig/buildInfo} with basic authentication; never throws. */
    HealthReport check() {
        Duration wait = config.timeout().compareTo(MAX_HEALTH_WAIT) < 0 ? config.timeout() : MAX_HEALTH_WAIT;
        HttpRequest request = HttpRequest.newBuilder(config.resolve(BUILD_INFO, null))
                .timeout(wait)
                .header("Authorization", basicAuth())
                .GET()
                .build();
        Answer answer;
        try {
            answer = send(request, "checking health (GET " + BUILD_INFO + ")", wait);
        } catch (DeliveryException e) {
            return HealthReport.down(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthReport.down("Health check of XNAT at " + config.baseUrl() + " was interrupted");
        }
        if (answer.sessionCookie() != null) {
            // basic authentication made XNAT open a session: end it rather than leave one behind per check
            HttpRequest logout = HttpRequest.newBuilder(config.resolve(JSESSION, null)).timeout(wait)
                    .header("Cookie", "JSESSIONID=" + answer.sessionCookie()).DELETE().build();
            try {
                send(logout, "ending the health check's session", wait);
            } catch (DeliveryException e) {
                LOG.debug("Destination '{}': could not end the health check's XNAT session: {}", config.name(),
                        e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.ok()) {
            Matcher m = VERSION.matcher(answer.body());
            return HealthReport.up("XNAT at " + config.baseUrl() + " answers to user '" + config.username() + "'"
                    + (m.find() ? ", version " + m.group(1) : ""));
        }
        return HealthReport.down(XnatErrors.http("checking health (GET " + BUILD_INFO + ")", answer.status(),
                answer.body(), answer.location(), config).getMessage());
    }

    private Answer send(HttpRequest request, String action, Duration wait) throws DeliveryException, InterruptedException {
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, CappedBody.handler(MAX_BODY));
        return await(future, action, wait.plus(config.timeout()));
    }

    /** Waits for an answer; on interruption the request is cancelled. */
    Answer await(CompletableFuture<HttpResponse<String>> future, String action, Duration wait)
            throws DeliveryException, InterruptedException {
        try {
            return answer(future.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DeliveryException("XNAT at " + config.baseUrl() + " did not answer within " + wait.toSeconds()
                    + " s while " + action + " (timeout)", true, 0, e);
        } catch (CancellationException e) {
            throw new DeliveryException("Request to XNAT cancelled while " + action, true, 0, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw XnatErrors.transport(action, io, config);
            }
            throw new DeliveryException("Request to XNAT failed while " + action + ": " + cause, true, 0, cause);
        }
    }

    private String basicAuth() {
        String pair = config.username() + ":" + config.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
