package org.xnat.router.config;

import java.util.Objects;

/**
 * One entry of a route's {@code destinations:}: a reference to a named destination plus what this route
 * does for it. Defaults are those of the XNAT DICOM Router.
 *
 * @param destination name of a destination under {@code destinations:}
 * @param enabled {@code enabled} (default true)
 * @param priority {@code priority}: lower goes first (default 0)
 * @param retryCount {@code retry_count} (default 3)
 * @param retryDelaySeconds {@code retry_delay_seconds} (default 60)
 * @param projectId {@code project_id}: XNAT project ({@code null} if absent)
 * @param subjectPrefix {@code subject_prefix}: XNAT subject label prefix (default {@code SUBJ})
 * @param sessionPrefix {@code session_prefix}: XNAT session label prefix (default {@code SESSION})
 * @param autoArchive {@code auto_archive}: XNAT archives directly instead of the prearchive (default true)
 * @param anonymize {@code anonymize} (default false)
 * @param anonScript {@code anon_script}: name of the de-identification script ({@code null} if absent)
 * @param useHonestBroker {@code use_honest_broker} (default false)
 * @param honestBroker {@code honest_broker}: name under {@code honest_brokers:} ({@code null} if absent)
 */
public record RouteDestination(String destination, boolean enabled, int priority, int retryCount,
        int retryDelaySeconds, String projectId, String subjectPrefix, String sessionPrefix, boolean autoArchive,
        boolean anonymize, String anonScript, boolean useHonestBroker, String honestBroker) {

    public static final int DEFAULT_RETRY_COUNT = 3;
    public static final int DEFAULT_RETRY_DELAY_SECONDS = 60;
    public static final String DEFAULT_SUBJECT_PREFIX = "SUBJ";
    public static final String DEFAULT_SESSION_PREFIX = "SESSION";

    public RouteDestination {
        Objects.requireNonNull(destination, "destination");
    }

    /** A reference with every setting at its default. */
    public static RouteDestination to(String destination) {
        return new RouteDestination(destination, true, 0, DEFAULT_RETRY_COUNT, DEFAULT_RETRY_DELAY_SECONDS, null,
                DEFAULT_SUBJECT_PREFIX, DEFAULT_SESSION_PREFIX, true, false, null, false, null);
    }
}
