package org.xnat.router.routing.internal.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with ±20 % jitter: base × 2^(attempt−1), at most one hour. */
final class Backoff {

    static final Duration MAX = Duration.ofHours(1);

    private Backoff() {
    }

    static Duration after(int attempt, int baseSeconds) {
        if (baseSeconds <= 0) {
            return Duration.ZERO;
        }
        double seconds = baseSeconds * Math.pow(2, Math.min(Math.max(attempt - 1, 0), 20));
        seconds = Math.min(seconds, MAX.toSeconds());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (seconds * jitter * 1000));
    }
}
