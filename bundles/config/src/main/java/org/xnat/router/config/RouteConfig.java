package org.xnat.router.config;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code routes:}: a DICOM listener (AE title and port) and where what it receives goes.
 *
 * @param aeTitle {@code ae_title}: the called AE title (at most 16 characters, no backslash or control characters)
 * @param port {@code port}: TCP port of the listener, 1-65535, unique among routes
 * @param description free text ({@code ""} if absent)
 * @param enabled {@code enabled} (default true)
 * @param studyTimeoutSeconds {@code study_timeout_seconds}: quiet time after which a study is complete (default 30)
 * @param workerThreads {@code worker_threads} (default 2)
 * @param maxConcurrentTransfers {@code max_concurrent_transfers} (default 4)
 * @param autoImport {@code auto_import} (default false)
 * @param allowedCallingAes {@code allowed_calling_aes}: if not empty, only these calling AE titles are accepted
 * @param destinations where received studies go
 * @param routingRules {@code routing_rules}
 * @param filters {@code filters}
 * @param validationRules {@code validation_rules}
 * @param tagModifications {@code tag_modifications}
 */
public record RouteConfig(String aeTitle, int port, String description, boolean enabled, int studyTimeoutSeconds,
        int workerThreads, int maxConcurrentTransfers, boolean autoImport, List<String> allowedCallingAes,
        List<RouteDestination> destinations, List<RoutingRule> routingRules, List<FilterRule> filters,
        List<ValidationRule> validationRules, List<TagModification> tagModifications) {

    public static final int DEFAULT_STUDY_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_WORKER_THREADS = 2;
    public static final int DEFAULT_MAX_CONCURRENT_TRANSFERS = 4;

    public RouteConfig {
        Objects.requireNonNull(aeTitle, "aeTitle");
        description = description == null ? "" : description;
        allowedCallingAes = Immutables.list(allowedCallingAes);
        destinations = Immutables.list(destinations);
        routingRules = Immutables.list(routingRules);
        filters = Immutables.list(filters);
        validationRules = Immutables.list(validationRules);
        tagModifications = Immutables.list(tagModifications);
    }

    /** A route with defaults and no rules. */
    public static RouteConfig of(String aeTitle, int port, List<RouteDestination> destinations) {
        return new RouteConfig(aeTitle, port, "", true, DEFAULT_STUDY_TIMEOUT_SECONDS, DEFAULT_WORKER_THREADS,
                DEFAULT_MAX_CONCURRENT_TRANSFERS, false, List.of(), destinations, List.of(), List.of(), List.of(),
                List.of());
    }
}
