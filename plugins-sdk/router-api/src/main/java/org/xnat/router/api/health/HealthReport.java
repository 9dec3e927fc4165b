package org.xnat.router.api.health;

import java.util.Objects;

/**
 * The state of one part at one moment.
 *
 * @param status the state
 * @param detail for people: what is there (UP) or what is wrong and how to fix it (DOWN)
 */
public record HealthReport(HealthStatus status, String detail) {

    public HealthReport {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static HealthReport up(String detail) {
        return new HealthReport(HealthStatus.UP, detail);
    }

    public static HealthReport down(String detail) {
        return new HealthReport(HealthStatus.DOWN, detail);
    }
}
