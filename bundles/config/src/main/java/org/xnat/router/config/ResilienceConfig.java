package org.xnat.router.config;

/**
 * {@code resilience:} the delivery retry policy and how long finished transfers are kept.
 *
 * @param maxRetries {@code max_retries}: deliveries retried at most this many times (default 10)
 * @param retryDelaySeconds {@code retry_delay}: seconds between retries of a failed delivery (default 300)
 * @param retentionDays {@code retention_days}: days finished transfers and their files are kept (default 30)
 */
public record ResilienceConfig(int maxRetries, int retryDelaySeconds, int retentionDays) {

    public static final int DEFAULT_MAX_RETRIES = 10;
    public static final int DEFAULT_RETRY_DELAY_SECONDS = 300;
    public static final int DEFAULT_RETENTION_DAYS = 30;

    public static final ResilienceConfig DEFAULT =
            new ResilienceConfig(DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DELAY_SECONDS, DEFAULT_RETENTION_DAYS);
}
