package org.xnat.router.destination.xnat.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;

/**
 * The settings of one {@code xnat} destination. {@link #toString()} never shows the password.
 *
 * @param name the destination's configured name
 * @param baseUrl {@code url}: XNAT's address including any context path, without a trailing slash
 * @param username {@code username}
 * @param password {@code password} (already resolved from {@code ${ENV_VAR}}); never logged
 * @param timeout {@code timeout}: connect timeout, answer timeout of the small requests, and the longest
 *        pause tolerated while streaming the upload
 * @param uploadTimeout {@code upload_timeout}: the longest an import request may take, upload and XNAT's
 *        processing included
 */
record XnatConfig(String name, URI baseUrl, String username, String password, Duration timeout,
        Duration uploadTimeout) {

    static final String URL = "url";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String TIMEOUT = "timeout";
    static final String UPLOAD_TIMEOUT = "upload_timeout";
    static final int DEFAULT_TIMEOUT_S = 60;
    static final int DEFAULT_UPLOAD_TIMEOUT_S = 3600;

    static XnatConfig parse(ComponentConfig config) throws InvalidConfigurationException {
        List<ConfigProblem> problems = new ArrayList<>();
        URI url = parseUrl(config.getString(URL, null), config.type(), problems);
        String username = required(config, USERNAME, problems);
        String password = required(config, PASSWORD, problems);
        int timeout = seconds(config, TIMEOUT, DEFAULT_TIMEOUT_S, 3600, problems);
        int uploadTimeout = seconds(config, UPLOAD_TIMEOUT, DEFAULT_UPLOAD_TIMEOUT_S, 7 * 24 * 3600, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new XnatConfig(config.name(), url, username, password, Duration.ofSeconds(timeout),
                Duration.ofSeconds(uploadTimeout));
    }

    private static URI parseUrl(String value, String type, List<ConfigProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(ConfigProblem.of(URL, "is required for type '" + type + "'"));
            return null;
        }
        String v = value.strip();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            problems.add(ConfigProblem.of(URL, "is not a valid URL: " + e.getReason()));
            return null;
        }
        int before = problems.size();
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https"))) {
            problems.add(ConfigProblem.of(URL, "must start with http:// or https://, got '" + v + "'"));
        } else if (uri.getHost() == null) {
            problems.add(ConfigProblem.of(URL, "has no host name, got '" + v + "'"));
        }
        if (uri.getRawUserInfo() != null) {
            // the value would be logged with the URL; credentials belong in username/password
            problems.add(ConfigProblem.of(URL, "must not contain credentials; use 'username' and 'password'"));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(ConfigProblem.of(URL, "must not have a query or fragment (XNAT's base address only)"));
        }
        return problems.size() > before ? null : uri;
    }

    private static String required(ComponentConfig config, String key, List<ConfigProblem> problems) {
        String v = config.getString(key, null);
        if (v == null || v.isEmpty()) {
            problems.add(ConfigProblem.of(key, "is required for type '" + config.type() + "'"));
        }
        return v;
    }

    private static int seconds(ComponentConfig config, String key, int def, int max, List<ConfigProblem> problems) {
        try {
            int v = config.getInt(key, def);
            if (v < 1 || v > max) {
                problems.add(ConfigProblem.of(key, "must be between 1 and " + max + " seconds, got " + v));
            }
            return v;
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
            return def;
        }
    }

    /** {@code url} followed by a path below it, e.g. {@code /data/JSESSION}. */
    URI resolve(String path, String rawQuery) {
        return URI.create(baseUrl + path + (rawQuery == null ? "" : "?" + rawQuery));
    }

    @Override
    public String toString() {
        return "XnatConfig[name=" + name + ", url=" + baseUrl + ", username=" + username + ", password=***, timeout="
                + timeout + ", upload_timeout=" + uploadTimeout + "]";
    }
}
