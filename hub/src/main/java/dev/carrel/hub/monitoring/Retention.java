package dev.carrel.hub.monitoring;

import dev.carrel.hub.ingest.DeadLetterStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What happens to old monitoring data: telemetry past the full-resolution window is folded into buckets,
 * buckets and dead letters past their keep time are deleted.
 */
public final class Retention {

    /** What one run did. */
    public record Result(int samplesFolded, int bucketsDeleted, int deadLettersDeleted) {}

    private final TelemetryStore telemetry;
    private final DeadLetterStore deadLetters;
    private final MonitoringSettings settings;

    public Retention(TelemetryStore telemetry, DeadLetterStore deadLetters, MonitoringSettings settings) {
        this.telemetry = telemetry;
        this.deadLetters = deadLetters;
        this.settings = settings;
    }

    /** Runs on the writer's connection, as of {@code now}. */
    public Result run(Connection writer, Instant now) throws SQLException {
        // The cutoff falls on a bucket boundary so that a bucket's samples are folded in one go, not split
        // between this run and the next (the merge would cope, but one fold is exact).
        long bucket = settings.bucket().toMillis();
        long cutoff = Math.floorDiv(now.minus(settings.fullResolution()).toEpochMilli(), bucket) * bucket;
        int folded = telemetry.downsample(writer, Instant.ofEpochMilli(cutoff), settings.bucket());
        int buckets = telemetry.deleteBucketsBefore(writer, now.minus(settings.keepBuckets()));
        int letters = deadLetters.deleteBefore(writer, now.minus(settings.keepDeadLetters()));
        return new Result(folded, buckets, letters);
    }
}
