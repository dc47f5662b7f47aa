package dev.carrel.drivers;

import java.time.Duration;

/**
 * Exponential back-off between attempts to reopen a device: {@code initial}, doubling, capped at
 * {@code max}. A serial adapter unplugged for an hour is retried once a minute, not in a busy loop.
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** The delay after the {@code attempt}-th consecutive failure (1-based). */
    public Duration after(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        Duration d = initial.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 ? max : d;
    }
}
