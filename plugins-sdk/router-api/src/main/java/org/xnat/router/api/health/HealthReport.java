package org.xnat.router.api.health;

import java.util.Objects;

/**
 * The state of one part at one moment.
 *
 * @param status the state
 * @param detail for people: what is there (UP) or what is wrong and how to fix it (DOWN)
 */
public record HealthReport(HealthStatus status, String detail) {

    /** Requires a status; a null detail becomes empty. */
    public HealthReport {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    /** Works; {@code detail} says what is there. */
    public static HealthReport up(String detail) {
        return new HealthReport(HealthStatus.UP, detail);
    }

    /** Does not work; {@code detail} says what is wrong and how to fix it. */
    public static HealthReport down(String detail) {
        return new HealthReport(HealthStatus.DOWN, detail);
    }
}
