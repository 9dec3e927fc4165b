package org.xnat.router.deid.internal.profile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.deid.internal.uid.UidHasher;

/**
 * The configuration of a {@code ps315} processor.
 *
 * <ul>
 * <li>one boolean per option, all false by default: {@code retain_uids}, {@code retain_device_identity},
 * {@code retain_institution_identity}, {@code retain_patient_characteristics},
 * {@code retain_longitudinal_full_dates}, {@code retain_longitudinal_modified_dates}, {@code clean_descriptors},
 * {@code clean_structured_content}, {@code clean_graphics}, {@code retain_safe_private};</li>
 * <li>{@code uid_key} (the secret of the UID hash; default: derived from the processor's name, with a warning),
 * {@code uid_root} (default {@code 2.25});</li>
 * <li>for the modified dates option: {@code date_shift_days} (one shift for everything), else a per-patient shift
 * chosen by a keyed hash of the Patient ID in [{@code date_shift_min_days}, {@code date_shift_max_days}]
 * (default -365 to -1; the range must not contain 0);</li>
 * <li>for the safe private option: {@code safe_private_tags}, a list like {@code "(0019,{SIEMENS MR HEADER}0C)"}.</li>
 * </ul>
 */
public record ProfileSettings(Set<ProfileOption> options, UidHasher uids, boolean uidKeyConfigured,
        Integer fixedDateShift, int dateShiftMin, int dateShiftMax, SafePrivateTags safePrivate) {

    public static ProfileSettings parse(ComponentConfig config) throws InvalidConfigurationException {
        List<ConfigProblem> problems = new ArrayList<>();
        Set<ProfileOption> options = EnumSet.noneOf(ProfileOption.class);
        for (ProfileOption o : ProfileOption.values()) {
            try {
                if (config.getBoolean(o.configKey(), false)) {
                    options.add(o);
                }
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        if (options.contains(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES)
                && options.contains(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
            problems.add(ConfigProblem.of(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES.configKey(),
                    "cannot be combined with retain_longitudinal_full_dates (PS3.15 E.3.6: one or the other)"));
        }
        String key = config.getString("uid_key", null);
        boolean keyConfigured = key != null && !key.isBlank();
        UidHasher uids = null;
        try {
            uids = new UidHasher(keyConfigured ? key : "xnat-router-uid:" + config.name(), config.getString("uid_root", null));
        } catch (IllegalArgumentException e) {
            problems.add(ConfigProblem.of("uid_root", e.getMessage()));
        }
        Integer fixed = null;
        int min = -365;
        int max = -1;
        try {
            if (config.get("date_shift_days").isPresent()) {
                fixed = config.getInt("date_shift_days", 0);
                if (fixed == 0 && options.contains(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
                    problems.add(ConfigProblem.of("date_shift_days", "must not be 0 (the dates would not be modified)"));
                }
            }
            min = config.getInt("date_shift_min_days", min);
            max = config.getInt("date_shift_max_days", max);
            if (min > max) {
                problems.add(ConfigProblem.of("date_shift_min_days", "must not be greater than date_shift_max_days"));
            } else if (min <= 0 && max >= 0) {
                problems.add(ConfigProblem.of("date_shift_min_days",
                        "the range [" + min + ", " + max + "] must not contain 0 (some dates would not be modified)"));
            }
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        SafePrivateTags safe = SafePrivateTags.parse(List.of());
        Object list = config.get("safe_private_tags").orElse(null);
        if (list != null) {
            try {
                List<String> specs = new ArrayList<>();
                if (list instanceof Collection<?> c) {
                    c.forEach(x -> specs.add(String.valueOf(x)));
                } else {
                    for (String s : String.valueOf(list).split("[;\\n]")) {
                        if (!s.isBlank()) {
                            specs.add(s);
                        }
                    }
                }
                safe = SafePrivateTags.parse(specs);
            } catch (IllegalArgumentException e) {
                problems.add(ConfigProblem.of("safe_private_tags", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new ProfileSettings(options, uids, keyConfigured, fixed, min, max, safe);
    }
}
