package dev.carrel.hub.monitoring;

import java.time.Duration;

/**
 * The monitoring thresholds and retention, from {@code carrel.monitoring.*} (see {@code HubConfig}).
 *
 * @param offlineAfter an agent offline longer than this raises an {@code offline} alert
 * @param outboxBacklog an outbox at least this deep raises {@code outbox_backlog}; it clears once the outbox
 *     is down to half of this (drained, with room so that it does not flap)
 * @param highTemperatureC a CPU at least this hot raises {@code high_temperature}; it clears 5 °C below
 * @param fullResolution how long telemetry is kept sample by sample before it is folded into buckets
 * @param bucket the length of one downsampled bucket
 * @param keepBuckets how long buckets are kept
 * @param keepDeadLetters how long dead letters are kept
 * @param sweepEvery how often the offline check runs
 * @param downsampleEvery how often telemetry is folded and old rows deleted
 */
public record MonitoringSettings(
        Duration offlineAfter,
        long outboxBacklog,
        double highTemperatureC,
        Duration fullResolution,
        Duration bucket,
        Duration keepBuckets,
        Duration keepDeadLetters,
        Duration sweepEvery,
        Duration downsampleEvery) {

    /** How far below the threshold a temperature must fall before its alert clears. */
    public static final double TEMPERATURE_HYSTERESIS_C = 5.0;

    public static MonitoringSettings defaults() {
        return new MonitoringSettings(
                Duration.ofMinutes(5),
                1000,
                80.0,
                Duration.ofDays(1),
                Duration.ofMinutes(5),
                Duration.ofDays(365),
                Duration.ofDays(30),
                Duration.ofSeconds(15),
                Duration.ofMinutes(5));
    }

    public MonitoringSettings {
        positive("offline-after", offlineAfter);
        positive("telemetry-full-resolution", fullResolution);
        positive("telemetry-bucket", bucket);
        positive("telemetry-keep-buckets", keepBuckets);
        positive("keep-dead-letters", keepDeadLetters);
        positive("sweep-every", sweepEvery);
        positive("downsample-every", downsampleEvery);
        if (outboxBacklog < 1) {
            throw new IllegalArgumentException("outbox-backlog must be at least 1, not " + outboxBacklog);
        }
        if (bucket.toMillis() < 1000 || Duration.ofDays(1).toMillis() % bucket.toMillis() != 0) {
            throw new IllegalArgumentException(
                    "telemetry-bucket must divide a day into whole buckets of at least 1 s, not " + bucket);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, not " + value);
        }
    }
}
