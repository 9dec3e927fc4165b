package org.xnat.router.destination.dicom.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.xnat.dicom.net.tls.TlsOptions;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;

/**
 * The settings of one {@code dicom} destination.
 *
 * @param name the destination's configured name
 * @param calledAeTitle {@code ae_title}: the peer's AE title
 * @param host {@code host}: the peer's host name or address
 * @param port {@code port}: the peer's port (default 104)
 * @param callingAeTitle {@code calling_ae_title}: our AE title towards the peer
 * @param tls TLS settings, or null for plain TCP ({@code tls}, {@code tls_certificate}, {@code tls_key},
 *        {@code tls_trust})
 * @param connectTimeout {@code connect_timeout_seconds}: TCP connect, and again the answer to the association
 *        request and to its release
 * @param responseTimeout {@code response_timeout_seconds}: the longest wait for a C-STORE or C-ECHO response
 * @param maxAssociations {@code max_associations}: associations open at once to this peer, in use or idle
 * @param idleTimeout {@code idle_timeout_seconds}: an unused pooled association is released after this long;
 *        zero releases every association at the end of its delivery
 */
record DicomDestinationConfig(String name, String calledAeTitle, String host, int port, String callingAeTitle,
        TlsFiles tls, Duration connectTimeout, Duration responseTimeout, int maxAssociations, Duration idleTimeout) {

    static final String AE_TITLE = "ae_title";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String CALLING_AE_TITLE = "calling_ae_title";
    static final String TLS = "tls";
    static final String TLS_CERTIFICATE = "tls_certificate";
    static final String TLS_KEY = "tls_key";
    static final String TLS_TRUST = "tls_trust";
    static final String CONNECT_TIMEOUT = "connect_timeout_seconds";
    static final String RESPONSE_TIMEOUT = "response_timeout_seconds";
    static final String MAX_ASSOCIATIONS = "max_associations";
    static final String IDLE_TIMEOUT = "idle_timeout_seconds";
    /** Accepted from the XNAT DICOM Router: the same as {@code tls}. */
    static final List<String> LEGACY_TLS = List.of("use_tls", "tls_enabled");
    /** Accepted from the XNAT DICOM Router: the default of both timeouts. */
    static final String LEGACY_TIMEOUT = "timeout";

    static final int DEFAULT_PORT = 104;
    static final String DEFAULT_CALLING_AE_TITLE = "XNATROUTER";
    static final int DEFAULT_CONNECT_TIMEOUT = 10;
    static final int DEFAULT_RESPONSE_TIMEOUT = 120;
    static final int DEFAULT_MAX_ASSOCIATIONS = 2;
    static final int LIMIT_MAX_ASSOCIATIONS = 32;
    static final int DEFAULT_IDLE_TIMEOUT = 30;

    /**
     * The TLS settings: PEM files, each may be null (no client certificate; the JVM's default trust), and the
     * options loaded from them.
     */
    record TlsFiles(Path certificate, Path key, Path trust, TlsOptions options) {
    }

    /** Reads and checks a configuration, reporting every problem at once. */
    static DicomDestinationConfig parse(ComponentConfig config) throws InvalidConfigurationException {
        List<ConfigProblem> problems = new ArrayList<>();
        String called = aeTitle(config, AE_TITLE, null, problems);
        String calling = aeTitle(config, CALLING_AE_TITLE, DEFAULT_CALLING_AE_TITLE, problems);
        String host = host(config, problems);
        int port = number(config, PORT, DEFAULT_PORT, 1, 65535, problems);
        int legacyTimeout = number(config, LEGACY_TIMEOUT, -1, 1, 86400, problems);
        int connect = number(config, CONNECT_TIMEOUT, legacyTimeout > 0 ? Math.min(legacyTimeout, 3600)
                : DEFAULT_CONNECT_TIMEOUT, 1, 3600, problems);
        int response = number(config, RESPONSE_TIMEOUT, legacyTimeout > 0 ? legacyTimeout : DEFAULT_RESPONSE_TIMEOUT,
                1, 86400, problems);
        int max = number(config, MAX_ASSOCIATIONS, DEFAULT_MAX_ASSOCIATIONS, 1, LIMIT_MAX_ASSOCIATIONS, problems);
        int idle = number(config, IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, 0, 3600, problems);
        TlsFiles tls = tls(config, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new DicomDestinationConfig(config.name(), called, host, port, calling, tls, Duration.ofSeconds(connect),
                Duration.ofSeconds(response), max, Duration.ofSeconds(idle));
    }

    /** PS3.5 AE VR: 1–16 characters of the default repertoire, no backslash, no control characters. */
    static String aeTitle(ComponentConfig config, String field, String defaultValue, List<ConfigProblem> problems) {
        Object raw = config.properties().get(field);
        if (raw == null || String.valueOf(raw).isBlank()) {
            if (defaultValue == null) {
                problems.add(ConfigProblem.of(field, "is required for type '" + config.type() + "'"));
            }
            return defaultValue;
        }
        // leading and trailing spaces are not significant in an AE title (PS3.5 6.2)
        String ae = String.valueOf(raw).strip();
        if (ae.length() > 16) {
            problems.add(ConfigProblem.of(field, "must be at most 16 characters, got " + ae.length() + " ('" + ae + "')"));
        } else if (ae.indexOf('\\') >= 0) {
            problems.add(ConfigProblem.of(field, "must not contain a backslash"));
        } else if (!ae.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            problems.add(ConfigProblem.of(field, "must contain only printable ASCII characters (no control characters)"));
        } else {
            return ae;
        }
        return null;
    }

    private static String host(ComponentConfig config, List<ConfigProblem> problems) {
        Object raw = config.properties().get(HOST);
        if (raw == null || String.valueOf(raw).isBlank()) {
            problems.add(ConfigProblem.of(HOST, "is required for type '" + config.type() + "'"));
            return null;
        }
        String host = String.valueOf(raw).strip();
        if (host.length() > 253 || !host.chars().allMatch(c -> c > 0x20 && c < 0x7F) || host.contains("/")) {
            problems.add(ConfigProblem.of(HOST, "must be a host name or an IP address, got '" + printable(host) + "'"));
            return null;
        }
        // a bracketed IPv6 literal, as in URLs, is accepted and unwrapped
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }

    private static int number(ComponentConfig config, String field, int defaultValue, int min, int max,
            List<ConfigProblem> problems) {
        int value;
        try {
            value = config.getInt(field, defaultValue);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
            return defaultValue;
        }
        if (config.properties().get(field) != null && (value < min || value > max)) {
            problems.add(ConfigProblem.of(field, "must be between " + min + " and " + max + ", got " + value));
            return defaultValue;
        }
        return value;
    }

    private static TlsFiles tls(ComponentConfig config, List<ConfigProblem> problems) {
        boolean enabled = flag(config, TLS, problems);
        for (String legacy : LEGACY_TLS) {
            enabled |= flag(config, legacy, problems);
        }
        Path cert = pemFile(config, TLS_CERTIFICATE, problems);
        Path key = pemFile(config, TLS_KEY, problems);
        Path trust = pemFile(config, TLS_TRUST, problems);
        if (!enabled) {
            return null;
        }
        if ((cert == null) != (key == null) && problems.stream().noneMatch(p -> p.field().startsWith("tls_"))) {
            String missing = cert == null ? TLS_CERTIFICATE : TLS_KEY;
            problems.add(ConfigProblem.of(missing, "is required when " + (cert == null ? TLS_KEY : TLS_CERTIFICATE)
                    + " is set (a client certificate needs both)"));
        }
        // each file on its own first, so that a bad one is named
        if (cert != null) {
            loads(TLS_CERTIFICATE, null, null, cert, problems);
        }
        if (trust != null) {
            loads(TLS_TRUST, null, null, trust, problems);
        }
        if (problems.stream().anyMatch(p -> p.field().startsWith("tls_"))) {
            return null;
        }
        if (cert != null && !loads(TLS_KEY, cert, key, null, problems)) {
            return null;
        }
        try {
            return new TlsFiles(cert, key, trust, TlsOptions.fromPem(cert, key, trust, TlsOptions.ClientAuth.NONE));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            problems.add(ConfigProblem.of(TLS, "cannot be set up: " + e.getMessage()));
            return null;
        }
    }

    private static boolean loads(String field, Path cert, Path key, Path trust, List<ConfigProblem> problems) {
        try {
            TlsOptions.fromPem(cert, key, trust, TlsOptions.ClientAuth.NONE);
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            problems.add(ConfigProblem.of(field, "cannot be read as PEM: " + e.getMessage()));
            return false;
        }
    }

    private static boolean flag(ComponentConfig config, String field, List<ConfigProblem> problems) {
        try {
            return config.getBoolean(field, false);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
            return false;
        }
    }

    private static Path pemFile(ComponentConfig config, String field, List<ConfigProblem> problems) {
        Object raw = config.properties().get(field);
        if (raw == null || String.valueOf(raw).isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(String.valueOf(raw).strip()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                problems.add(ConfigProblem.of(field, "is not a readable file: " + p));
                return null;
            }
            return p;
        } catch (InvalidPathException e) {
            problems.add(ConfigProblem.of(field, "is not a valid path: " + e.getReason()));
            return null;
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7F ? '?' : c));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "dicom destination '" + name + "' " + calledAeTitle + "@" + host + ":" + port + " as " + callingAeTitle
                + (tls != null ? " (TLS)" : "");
    }
}
