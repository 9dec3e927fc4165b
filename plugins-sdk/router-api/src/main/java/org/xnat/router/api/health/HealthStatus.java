package org.xnat.router.api.health;

/** Ordered from best to worst, so the overall status is the worst of all parts. */
public enum HealthStatus {
    /** Works. */
    UP,
    /** Works with reduced capability (e.g. retrying, degraded performance). */
    DEGRADED,
    /** Does not work. */
    DOWN;

    /** The worse of this and {@code other}. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
