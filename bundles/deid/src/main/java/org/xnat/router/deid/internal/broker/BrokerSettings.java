package org.xnat.router.deid.internal.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.deid.internal.uid.UidHasher;

/**
 * The configuration of a local honest broker (an entry of {@code honest_brokers:} with {@code broker_type: local}):
 * {@code naming_scheme} ({@code hash} by default, {@code sequential}, {@code adjective_animal},
 * {@code color_animal}, {@code nato_phonetic}), {@code patient_id_prefix} and {@code patient_name_prefix}
 * (default none), {@code accession_prefix} (default none), {@code date_shift_enabled} (false) with
 * {@code date_shift_min_days} / {@code date_shift_max_days} (default -365 / -1; the range must not contain 0),
 * {@code hash_uids_enabled} (false), {@code hash_key} (the secret of the keyed hashes; default derived from the
 * broker name) and {@code uid_root} (default 2.25).
 */
public record BrokerSettings(String name, NamingScheme scheme, String patientIdPrefix, String patientNamePrefix,
        String accessionPrefix, boolean dateShiftEnabled, int dateShiftMin, int dateShiftMax, boolean hashUidsEnabled,
        UidHasher hasher, boolean keyConfigured) {

    public static BrokerSettings parse(ComponentConfig config) throws InvalidConfigurationException {
        return parse(config, "");
    }

    /** @param field prefix of the field names in problems, e.g. {@code "honest_broker."} */
    public static BrokerSettings parse(ComponentConfig config, String field) throws InvalidConfigurationException {
        List<ConfigProblem> problems = new ArrayList<>();
        String type = config.getString("broker_type", null);
        if (type == null && !"honest-broker".equals(config.type()) && !"dicomedit".equals(config.type())) {
            type = config.type();
        }
        if (type != null && !type.equalsIgnoreCase("local")) {
            problems.add(ConfigProblem.of(field + "broker_type", "'" + type + "' is not a local broker (see Brokers)"));
        }
        NamingScheme scheme = NamingScheme.of(config.getString("naming_scheme", "hash"));
        if (scheme == null) {
            problems.add(ConfigProblem.of(field + "naming_scheme", "must be hash, sequential, adjective_animal,"
                    + " color_animal or nato_phonetic, got '" + config.getString("naming_scheme", "") + "'"));
        }
        boolean dateShift = false;
        boolean hashUids = false;
        int min = -365;
        int max = -1;
        try {
            dateShift = config.getBoolean("date_shift_enabled", false);
            hashUids = config.getBoolean("hash_uids_enabled", false);
            min = config.getInt("date_shift_min_days", min);
            max = config.getInt("date_shift_max_days", max);
            if (min > max) {
                problems.add(ConfigProblem.of(field + "date_shift_min_days", "must not be greater than date_shift_max_days"));
            } else if (dateShift && min <= 0 && max >= 0) {
                problems.add(ConfigProblem.of(field + "date_shift_min_days", "the range [" + min + ", " + max
                        + "] must not contain 0 (some patients' dates would not move)"));
            }
        } catch (InvalidConfigurationException e) {
            e.problems().forEach(p -> problems.add(ConfigProblem.of(field + p.field(), p.message())));
        }
        String key = config.getString("hash_key", null);
        boolean keyConfigured = key != null && !key.isBlank();
        UidHasher hasher = null;
        try {
            hasher = new UidHasher(keyConfigured ? key : "xnat-router-broker:" + config.name(), config.getString("uid_root", null));
        } catch (IllegalArgumentException e) {
            problems.add(ConfigProblem.of(field + "uid_root", e.getMessage()));
        }
        String pidPrefix = config.getString("patient_id_prefix", "");
        String namePrefix = config.getString("patient_name_prefix", "");
        if (pidPrefix.length() > 30) {
            problems.add(ConfigProblem.of(field + "patient_id_prefix", "must be at most 30 characters"));
        }
        if (namePrefix.length() > 30 || namePrefix.contains("^") || namePrefix.contains("\\")) {
            problems.add(ConfigProblem.of(field + "patient_name_prefix", "must be at most 30 characters without ^ or \\"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new BrokerSettings(config.name(), scheme, pidPrefix, namePrefix, config.getString("accession_prefix", ""),
                dateShift, min, max, hashUids, hasher, keyConfigured);
    }

    /** The broker configuration nested in a processor's configuration (property {@code honest_broker}), or null. */
    @SuppressWarnings("unchecked")
    public static ComponentConfig nested(ComponentConfig processor) throws InvalidConfigurationException {
        Object b = processor.get("honest_broker").orElse(null);
        if (b == null) {
            return null;
        }
        if (!(b instanceof Map<?, ?> m)) {
            throw new InvalidConfigurationException(ConfigProblem.of("honest_broker",
                    "must be the broker's settings (a map with name, broker_type, naming_scheme, ...)"));
        }
        Map<String, Object> props = (Map<String, Object>) m;
        Object name = props.get("name");
        if (name == null || String.valueOf(name).isBlank()) {
            throw new InvalidConfigurationException(ConfigProblem.of("honest_broker.name", "is required"));
        }
        return new ComponentConfig(String.valueOf(name), String.valueOf(props.getOrDefault("broker_type", "local")), props);
    }
}
