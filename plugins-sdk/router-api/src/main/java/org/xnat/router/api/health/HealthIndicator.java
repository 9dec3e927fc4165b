package org.xnat.router.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One part of the router that can report whether it works, registered as an OSGi service
 * (whiteboard). Implementations must answer quickly (a few seconds at most) and never throw:
 * a failure is a {@link HealthStatus#DOWN} report whose detail says what to fix.
 */
@ConsumerType
public interface HealthIndicator {

    /** A short stable name, unique among indicators, e.g. {@code "database"}. */
    String name();

    /** The current state of this part. */
    HealthReport check();
}
