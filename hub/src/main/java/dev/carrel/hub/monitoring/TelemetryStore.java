package dev.carrel.hub.monitoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Telemetry over time: samples at full resolution (written by ingest), folded into fixed buckets once older
 * than the full-resolution window. {@code writer} methods run on the store writer's connection.
 */
public interface TelemetryStore {

    /** The agent's telemetry with {@code from <= ts < to}; at most {@code maxSamples} samples. */
    TelemetryHistory history(String agent, Instant from, Instant to, int maxSamples) throws SQLException;

    /** Each agent's newest full-resolution sample, by agent id; an agent without one is left out. */
    java.util.Map<String, TelemetryHistory.Sample> latest() throws SQLException;

    /**
     * Folds the samples received before {@code cutoff} into buckets of {@code bucket} (merging with a bucket
     * already there, for late samples), then deletes them; returns how many samples were folded.
     */
    int downsample(Connection writer, Instant cutoff, Duration bucket) throws SQLException;

    /** Deletes buckets that ended before {@code cutoff}; returns how many. */
    int deleteBucketsBefore(Connection writer, Instant cutoff) throws SQLException;
}
