package org.xnat.router.deid.internal.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code remote} honest broker: research identifiers come from a broker service.
 * <ul>
 * <li>token: {@code POST {scheme}://{sts_host}/token} with the JSON object {@code UserName, AppName, AppKey,
 * Password}; the answer is a JSON string, or an object with {@code access_token} (or {@code token}) and
 * optionally {@code expires_in} seconds; sent as {@code Authorization: Bearer};</li>
 * <li>lookup: {@code GET {scheme}://{api_host}/DeIdentification/lookup?idIn=VALUE} (URL-encoded) answering
 * {@code [{"idOut": "..."}]}.</li>
 * </ul>
 * Patient ID and Accession Number are looked up; the research Patient's Name is the research Patient ID; UIDs are
 * hashed here when {@code hash_uids_enabled}. Lookups are cached ({@code cache_ttl_seconds}) and recorded in the
 * crosswalk (for {@code router:crosswalk}); the service stays the authority. Transient failures (connection
 * refused, timeout, HTTP 5xx or 429) are retried {@code retries} times and then reported with an
 * {@link IOException} cause, so the instance waits in the queue; a 401 gets one new token; other answers (no
 * mapping, 4xx, malformed JSON) fail the instance. Bodies are read up to {@value #MAX_BODY} bytes.
 */
public final class RemoteHonestBroker implements HonestBroker {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteHonestBroker.class);
    static final int MAX_BODY = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteBrokerSettings settings;
    private final Crosswalk crosswalk;
    private final HttpClient http;
    private final Clock clock;
    private final Map<String, Cached> cache;
    private final Map<String, Object> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

    private String token;
    private Instant tokenExpires = Instant.MIN;

    private record Cached(String value, Instant expires) {
    }

    public RemoteHonestBroker(RemoteBrokerSettings settings, Crosswalk crosswalk) {
        this(settings, crosswalk, Clock.systemUTC());
    }

    RemoteHonestBroker(RemoteBrokerSettings settings, Crosswalk crosswalk, Clock clock) {
        this.settings = settings;
        this.crosswalk = crosswalk;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        int max = settings.cacheMaxSize();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public boolean dateShiftEnabled() {
        return false;
    }

    @Override
    public boolean hashUidsEnabled() {
        return settings.hashUidsEnabled();
    }

    @Override
    public String hashUid(String uid) {
        return settings.hasher().hash(uid);
    }

    @Override
    public String map(IdType type, String original) throws BrokerException {
        return switch (type) {
            case PATIENT_ID, ACCESSION -> lookup(type, original);
            case PATIENT_NAME -> lookup(IdType.PATIENT_ID, original);
            case STUDY_UID, SERIES_UID, SOP_UID -> settings.hasher().hash(original);
            case DATE_SHIFT -> throw new BrokerException("honest broker '" + name() + "' is remote and gives no date shift");
        };
    }

    /** Keeps an answer in the crosswalk for queries and export; the service remains the authority. */
    private void record(IdType type, String original, String value) {
        try {
            String known = crosswalk.find(name(), type, original);
            if (known == null) {
                crosswalk.resolve(name(), type, original, (seq, attempt) -> {
                    if (attempt > 0) {
                        throw new IllegalStateException("research value '" + value + "' is already recorded for another "
                                + type.key());
                    }
                    return value;
                });
            } else if (!known.equals(value)) {
                LOG.warn("Honest broker '{}': the service now gives another {} than the one recorded in the crosswalk;"
                        + " the service's is used", name(), type.key());
            }
        } catch (CrosswalkException | RuntimeException e) {
            LOG.warn("Honest broker '{}': cannot record a {} mapping in the crosswalk: {}", name(), type.key(),
                    e.getMessage());
        }
    }

    /**
     * The research ID of {@code idIn}: from the cache, else from the service (then recorded in the crosswalk; a
     * Patient ID's research ID is also the research Patient's Name).
     */
    String lookup(IdType type, String idIn) throws BrokerException {
        if (idIn == null || idIn.isBlank()) {
            throw new BrokerException("honest broker '" + name() + "': nothing to look up (empty value)");
        }
        String key = type.key() + '\u0000' + idIn;
        String cached = cached(key);
        if (cached != null) {
            return cached;
        }
        // One request per value at a time: instances of one patient arrive together, and the service
        // should see one lookup for them, not one per delivery thread.
        Object flight = inFlight.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (flight) {
                cached = cached(key);
                return cached != null ? cached : lookupNow(type, idIn, key);
            }
        } finally {
            inFlight.remove(key, flight);
        }
    }

    private String cached(String key) {
        Instant now = clock.instant();
        synchronized (cache) {
            Cached c = cache.get(key);
            return c != null && c.expires().isAfter(now) ? c.value() : null;
        }
    }

    private String lookupNow(IdType type, String idIn, String key) throws BrokerException {
        Instant now = clock.instant();
        String value = fetch(idIn);
        record(type, idIn, value);
        if (type == IdType.PATIENT_ID) {
            record(IdType.PATIENT_NAME, idIn, value);
        }
        if (!settings.cacheTtl().isZero()) {
            synchronized (cache) {
                cache.put(key, new Cached(value, now.plus(settings.cacheTtl())));
            }
        }
        return value;
    }

    private String fetch(String idIn) throws BrokerException {
        URI uri = URI.create(settings.scheme() + "://" + settings.apiHost() + "/DeIdentification/lookup?idIn="
                + URLEncoder.encode(idIn, StandardCharsets.UTF_8));
        IOException last = null;
        boolean renewed = false;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                pause(attempt);
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                        .header("Authorization", "Bearer " + token()).header("Accept", "application/json").GET().build();
                HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                byte[] body = body(r);
                int status = r.statusCode();
                if (status == 401 && !renewed) {
                    renewed = true;
                    invalidateToken();
                    attempt--; // a new token is not a retry of a failure
                    continue;
                }
                if (status == 200) {
                    return idOut(body);
                }
                if (status >= 500 || status == 429 || status == 401) {
                    last = new IOException("lookup answered HTTP " + status);
                    continue;
                }
                throw new BrokerException("honest broker '" + name() + "': lookup refused with HTTP " + status);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerException("honest broker '" + name() + "': interrupted", new IOException("interrupted", e));
            }
        }
        throw new BrokerException("honest broker '" + name() + "' unavailable after " + (settings.retries() + 1)
                + " attempt(s): " + describe(last), last);
    }

    private String idOut(byte[] body) throws BrokerException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new BrokerException("honest broker '" + name() + "': lookup answer is not JSON");
        }
        if (root == null || !root.isArray()) {
            throw new BrokerException("honest broker '" + name() + "': lookup answer is not a JSON array");
        }
        if (root.isEmpty()) {
            throw new BrokerException("honest broker '" + name() + "' has no research ID for this value");
        }
        JsonNode out = root.get(0).get("idOut");
        if (out == null || !out.isValueNode() || out.asText().isBlank()) {
            throw new BrokerException("honest broker '" + name() + "': lookup answer has no idOut");
        }
        return out.asText().strip();
    }

    private synchronized String token() throws IOException, InterruptedException, BrokerException {
        if (token != null && clock.instant().isBefore(tokenExpires)) {
            return token;
        }
        ObjectNode credentials = JSON.createObjectNode();
        credentials.put("UserName", settings.username());
        credentials.put("AppName", settings.appName());
        credentials.put("AppKey", settings.appKey());
        credentials.put("Password", settings.password());
        String body;
        try {
            body = JSON.writeValueAsString(credentials);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode credentials", e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.scheme() + "://" + settings.stsHost() + "/token"))
                .timeout(settings.timeout()).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] answer = body(r);
        int status = r.statusCode();
        if (status >= 500 || status == 429) {
            throw new IOException("token service answered HTTP " + status);
        }
        if (status != 200) {
            // wrong credentials: waiting does not help by itself, but the instance must not be lost either; the
            // administrator fixes the credentials and the queued instances go out
            throw new IOException("token service refused the credentials (HTTP " + status + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (IOException e) {
            root = null;
        }
        String t = null;
        long expiresIn = settings.tokenTtl().toSeconds();
        if (root != null && root.isTextual()) {
            t = root.asText();
        } else if (root != null && root.isObject()) {
            JsonNode v = root.hasNonNull("access_token") ? root.get("access_token") : root.get("token");
            t = v == null ? null : v.asText();
            if (root.hasNonNull("expires_in") && root.get("expires_in").canConvertToLong()) {
                expiresIn = Math.max(1, root.get("expires_in").asLong() - 5);
            }
        }
        if (t == null || t.isBlank() || t.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7E)) {
            throw new BrokerException("honest broker '" + name() + "': the token service's answer holds no token");
        }
        token = t;
        tokenExpires = clock.instant().plusSeconds(expiresIn);
        return token;
    }

    private synchronized void invalidateToken() {
        token = null;
        tokenExpires = Instant.MIN;
    }

    private static byte[] body(HttpResponse<InputStream> r) throws IOException {
        try (InputStream in = r.body()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new IOException("answer larger than " + MAX_BODY + " bytes");
            }
            return b;
        }
    }

    private static void pause(int attempt) throws BrokerException {
        try {
            Thread.sleep(Math.min(2000L, 200L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted", new IOException("interrupted", e));
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no answer";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
