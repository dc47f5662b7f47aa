package dev.carrel.hub.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An agent's telemetry between two instants, as {@code GET /api/agents/{id}/telemetry} returns it: buckets for
 * the time already downsampled, then samples at full resolution for the recent time.
 *
 * @param truncated true when there were more samples than one answer carries; ask for a shorter range
 */
public record TelemetryHistory(
        String agent, Instant from, Instant to, List<Bucket> buckets, List<Sample> samples, boolean truncated) {

    /** One telemetry message as the agent sent it. */
    public record Sample(
            Instant ts,
            long uptimeSeconds,
            long heapUsedBytes,
            long heapMaxBytes,
            Optional<Double> cpuTemperatureC,
            long outboxDepth,
            int readerFaults,
            Optional<Long> residentBytes,
            Optional<Long> brokerRttMillis) {}

    /** The smallest, mean and largest value over a bucket. */
    public record Range(double min, double avg, double max) {}

    /** The samples of one fixed interval, folded. {@code cpuTemperatureC} is absent if none carried one. */
    public record Bucket(
            Instant start,
            Instant end,
            long samples,
            Range heapUsedBytes,
            Optional<Range> cpuTemperatureC,
            Range outboxDepth,
            int readerFaultsMax) {}
}
