package org.xnat.router.persistence.internal;

import java.util.function.Supplier;

import org.xnat.router.api.health.HealthIndicator;
import org.xnat.router.api.health.HealthReport;

/** The "database" health indicator: the state of {@link RouterDatabase}, or why it was not started. */
final class DatabaseHealthIndicator implements HealthIndicator {

    static final String NAME = "database";
    private final Supplier<HealthReport> state;

    DatabaseHealthIndicator(Supplier<HealthReport> state) {
        this.state = state;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HealthReport check() {
        try {
            return state.get();
        } catch (RuntimeException e) {
            // The contract: never throw.
            return HealthReport.down("health check failed: " + e);
        }
    }
}
