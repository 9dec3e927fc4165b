package org.xnat.router.deid.internal.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.deid.internal.uid.UidHasher;

/**
 * The configuration of a remote honest broker ({@code broker_type: remote}): {@code sts_host} (the token service)
 * and {@code api_host} (the lookup service), each {@code host} or {@code host:port}; the credentials
 * {@code username}, {@code password}, {@code app_name}, {@code app_key}; {@code scheme} ({@code https} by default;
 * {@code http} only for tests and trusted networks); {@code timeout_seconds} per request (10), {@code retries} of a
 * request that failed for a transient reason (2); the lookup cache {@code cache_ttl_seconds} (3600, 0 = no cache)
 * and {@code cache_max_size} (10000); {@code token_ttl_seconds} (3000) when the token service does not say how long a
 * token lives; {@code hash_uids_enabled} with {@code hash_key} and {@code uid_root} to replace study, series and
 * instance UIDs by keyed hashes made here (the service maps identifiers only).
 */
public record RemoteBrokerSettings(String name, String scheme, String stsHost, String apiHost, String username,
        String password, String appName, String appKey, Duration timeout, int retries, Duration cacheTtl,
        int cacheMaxSize, Duration tokenTtl, boolean hashUidsEnabled, UidHasher hasher) {

    public static final String TYPE = "remote";

    /** A host name or address with an optional port: no scheme, path, user info or query. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

    public static RemoteBrokerSettings parse(ComponentConfig config, String field) throws InvalidConfigurationException {
        List<ConfigProblem> problems = new ArrayList<>();
        String scheme = config.getString("scheme", "https").strip().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            problems.add(ConfigProblem.of(field + "scheme", "must be https or http, got '" + scheme + "'"));
        }
        String sts = host(config, "sts_host", field, problems);
        String api = host(config, "api_host", field, problems);
        String user = required(config, "username", field, problems);
        String password = required(config, "password", field, problems);
        String appName = required(config, "app_name", field, problems);
        String appKey = required(config, "app_key", field, problems);
        int timeout = 10;
        int retries = 2;
        int ttl = 3600;
        int max = 10_000;
        int tokenTtl = 3000;
        boolean hashUids = false;
        try {
            timeout = config.getInt("timeout_seconds", timeout);
            retries = config.getInt("retries", retries);
            ttl = config.getInt("cache_ttl_seconds", ttl);
            max = config.getInt("cache_max_size", max);
            tokenTtl = config.getInt("token_ttl_seconds", tokenTtl);
            hashUids = config.getBoolean("hash_uids_enabled", false);
            if (config.getBoolean("date_shift_enabled", false)) {
                problems.add(ConfigProblem.of(field + "date_shift_enabled", "a remote broker gives no date shift;"
                        + " shift dates with a script (shiftDateTimeByIncrement) or use a local broker"));
            }
        } catch (InvalidConfigurationException e) {
            e.problems().forEach(p -> problems.add(ConfigProblem.of(field + p.field(), p.message())));
        }
        if (timeout < 1 || timeout > 600) {
            problems.add(ConfigProblem.of(field + "timeout_seconds", "must be 1-600"));
        }
        if (retries < 0 || retries > 10) {
            problems.add(ConfigProblem.of(field + "retries", "must be 0-10"));
        }
        if (ttl < 0 || max < 1 || max > 10_000_000) {
            problems.add(ConfigProblem.of(field + "cache_ttl_seconds", "cache_ttl_seconds must be >= 0 and cache_max_size 1-10000000"));
        }
        if (tokenTtl < 1) {
            problems.add(ConfigProblem.of(field + "token_ttl_seconds", "must be at least 1"));
        }
        String key = config.getString("hash_key", null);
        UidHasher hasher = null;
        try {
            hasher = new UidHasher(key != null && !key.isBlank() ? key : "xnat-router-broker:" + config.name(),
                    config.getString("uid_root", null));
        } catch (IllegalArgumentException e) {
            problems.add(ConfigProblem.of(field + "uid_root", e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new RemoteBrokerSettings(config.name(), scheme, sts, api, user, password, appName, appKey,
                Duration.ofSeconds(timeout), retries, Duration.ofSeconds(ttl), max, Duration.ofSeconds(tokenTtl),
                hashUids, hasher);
    }

    private static String host(ComponentConfig c, String key, String field, List<ConfigProblem> problems) {
        String v = c.getString(key, "").strip();
        if (v.isEmpty()) {
            problems.add(ConfigProblem.of(field + key, "is required for a remote honest broker"));
        } else if (!HOST.matcher(v).matches()) {
            problems.add(ConfigProblem.of(field + key, "must be a host name with an optional :port (no scheme or path),"
                    + " got '" + v + "'"));
        }
        return v;
    }

    private static String required(ComponentConfig c, String key, String field, List<ConfigProblem> problems) {
        String v = c.getString(key, "");
        if (v.isBlank()) {
            problems.add(ConfigProblem.of(field + key, "is required for a remote honest broker"));
        }
        return v;
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "RemoteBrokerSettings[" + name + ", " + scheme + "://" + stsHost + ", " + scheme + "://" + apiHost + "]";
    }
}
