package org.xnat.router.routing.internal.tracking;

import java.util.LinkedHashMap;
import java.util.Map;

import org.xnat.router.config.ResilienceConfig;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.config.RouteDestination;

/**
 * What a transfer needs to be delivered without the configuration it was created under (kept in
 * {@code transfers.metadata}), so that work resumes from PostgreSQL alone.
 *
 * @param mode {@code instance} or {@code study}
 * @param maxRetries retries after the first attempt: the route destination's {@code retry_count}, at most
 *        {@code resilience.max_retries}
 * @param retryDelaySeconds base of the exponential backoff ({@code retry_delay_seconds})
 * @param studyTimeoutSeconds quiet time after which the study is complete
 * @param options the route destination's options for the destination type
 */
public record TransferPolicy(String mode, int maxRetries, int retryDelaySeconds, int studyTimeoutSeconds,
        Map<String, Object> options) {

    public static final String INSTANCE = "instance";
    public static final String STUDY = "study";

    public static TransferPolicy of(String mode, RouteConfig route, RouteDestination rd, ResilienceConfig resilience) {
        Map<String, Object> options = new LinkedHashMap<>();
        put(options, "project_id", rd.projectId());
        put(options, "subject_prefix", rd.subjectPrefix());
        put(options, "session_prefix", rd.sessionPrefix());
        options.put("auto_archive", rd.autoArchive());
        options.put("anonymize", rd.anonymize());
        put(options, "anon_script", rd.anonScript());
        options.put("use_honest_broker", rd.useHonestBroker());
        put(options, "honest_broker", rd.honestBroker());
        options.put("priority", rd.priority());
        return new TransferPolicy(mode, Math.min(rd.retryCount(), resilience.maxRetries()), rd.retryDelaySeconds(),
                route.studyTimeoutSeconds(), options);
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    public boolean isStudyMode() {
        return STUDY.equals(mode);
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delivery", mode);
        m.put("max_retries", maxRetries);
        m.put("retry_delay_seconds", retryDelaySeconds);
        m.put("study_timeout_seconds", studyTimeoutSeconds);
        m.put("options", options);
        return Json.write(m);
    }
}
