package dev.carrel.hub.monitoring;

import dev.carrel.hub.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Telemetry in the {@code telemetry} (full resolution) and {@code telemetry_buckets} tables. */
public final class SqliteTelemetryStore implements TelemetryStore {
    private final Database database;

    public SqliteTelemetryStore(Database database) {
        this.database = database;
    }

    // One statement folds and merges: in an upsert's SET, bare column names are the row's old values
    // (sqlite.org/lang_upsert.html), so means are re-weighted by their sample counts. SQLite's two-argument
    // min() and max() are NULL if either is, hence the coalesce for temperatures that not every sample has.
    private static final String FOLD = """
            INSERT INTO telemetry_buckets (agent_id, bucket_start, bucket_millis, samples,
                    heap_min, heap_avg, heap_max, temp_samples, temp_min, temp_avg, temp_max,
                    outbox_min, outbox_avg, outbox_max, reader_faults_max)
            SELECT agent_id, (ts / ?1) * ?1, ?1, count(*),
                   min(heap_used), avg(heap_used), max(heap_used),
                   count(cpu_temp_c), min(cpu_temp_c), avg(cpu_temp_c), max(cpu_temp_c),
                   min(outbox_depth), avg(outbox_depth), max(outbox_depth), max(reader_faults)
            FROM telemetry WHERE received < ?2
            GROUP BY agent_id, ts / ?1
            ON CONFLICT (agent_id, bucket_start) DO UPDATE SET
                samples = samples + excluded.samples,
                heap_min = min(heap_min, excluded.heap_min),
                heap_avg = (heap_avg * samples + excluded.heap_avg * excluded.samples)
                           / (samples + excluded.samples),
                heap_max = max(heap_max, excluded.heap_max),
                temp_samples = temp_samples + excluded.temp_samples,
                temp_min = coalesce(min(temp_min, excluded.temp_min), temp_min, excluded.temp_min),
                temp_avg = CASE WHEN temp_samples + excluded.temp_samples = 0 THEN NULL
                           ELSE (coalesce(temp_avg, 0) * temp_samples
                                 + coalesce(excluded.temp_avg, 0) * excluded.temp_samples)
                                / (temp_samples + excluded.temp_samples) END,
                temp_max = coalesce(max(temp_max, excluded.temp_max), temp_max, excluded.temp_max),
                outbox_min = min(outbox_min, excluded.outbox_min),
                outbox_avg = (outbox_avg * samples + excluded.outbox_avg * excluded.samples)
                             / (samples + excluded.samples),
                outbox_max = max(outbox_max, excluded.outbox_max),
                reader_faults_max = max(reader_faults_max, excluded.reader_faults_max)
            """;

    @Override
    public int downsample(Connection writer, Instant cutoff, Duration bucket) throws SQLException {
        try (PreparedStatement s = writer.prepareStatement(FOLD)) {
            s.setLong(1, bucket.toMillis());
            s.setLong(2, cutoff.toEpochMilli());
            s.executeUpdate();
        }
        try (PreparedStatement s = writer.prepareStatement("DELETE FROM telemetry WHERE received < ?")) {
            s.setLong(1, cutoff.toEpochMilli());
            return s.executeUpdate();
        }
    }

    @Override
    public int deleteBucketsBefore(Connection writer, Instant cutoff) throws SQLException {
        try (PreparedStatement s =
                writer.prepareStatement("DELETE FROM telemetry_buckets WHERE bucket_start + bucket_millis <= ?")) {
            s.setLong(1, cutoff.toEpochMilli());
            return s.executeUpdate();
        }
    }

    @Override
    public TelemetryHistory history(String agent, Instant from, Instant to, int maxSamples) throws SQLException {
        return database.read(c -> {
            List<TelemetryHistory.Bucket> buckets = buckets(c, agent, from, to);
            List<TelemetryHistory.Sample> samples = samples(c, agent, from, to, maxSamples + 1);
            boolean truncated = samples.size() > maxSamples;
            return new TelemetryHistory(
                    agent, from, to, buckets, truncated ? samples.subList(0, maxSamples) : samples, truncated);
        });
    }

    private static List<TelemetryHistory.Bucket> buckets(Connection c, String agent, Instant from, Instant to)
            throws SQLException {
        String sql = """
                SELECT bucket_start, bucket_millis, samples, heap_min, heap_avg, heap_max,
                       temp_samples, temp_min, temp_avg, temp_max, outbox_min, outbox_avg, outbox_max,
                       reader_faults_max
                FROM telemetry_buckets
                WHERE agent_id = ? AND bucket_start < ? AND bucket_start + bucket_millis > ?
                ORDER BY bucket_start
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agent);
            s.setLong(2, to.toEpochMilli());
            s.setLong(3, from.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                List<TelemetryHistory.Bucket> out = new ArrayList<>();
                while (rs.next()) {
                    long start = rs.getLong(1);
                    out.add(new TelemetryHistory.Bucket(
                            Instant.ofEpochMilli(start),
                            Instant.ofEpochMilli(start + rs.getLong(2)),
                            rs.getLong(3),
                            new TelemetryHistory.Range(rs.getLong(4), rs.getDouble(5), rs.getLong(6)),
                            rs.getLong(7) == 0
                                    ? Optional.empty()
                                    : Optional.of(new TelemetryHistory.Range(
                                            rs.getDouble(8), rs.getDouble(9), rs.getDouble(10))),
                            new TelemetryHistory.Range(rs.getLong(11), rs.getDouble(12), rs.getLong(13)),
                            rs.getInt(14)));
                }
                return out;
            }
        }
    }

    private static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    @Override
    public Map<String, TelemetryHistory.Sample> latest() throws SQLException {
        // One index seek per agent (telemetry_by_agent), not a scan of a day of samples.
        String sql = """
                SELECT a.id, t.ts, t.uptime_s, t.heap_used, t.heap_max, t.cpu_temp_c, t.outbox_depth,
                       t.reader_faults, t.resident_bytes, t.broker_rtt_ms
                FROM agents a JOIN telemetry t ON t.rowid =
                    (SELECT rowid FROM telemetry WHERE agent_id = a.id ORDER BY ts DESC LIMIT 1)
                ORDER BY a.id
                """;
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql);
                    ResultSet rs = s.executeQuery()) {
                Map<String, TelemetryHistory.Sample> out = new LinkedHashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), sample(rs, 2));
                }
                return out;
            }
        });
    }

    /** A sample from the columns ts … broker_rtt_ms starting at {@code first}. */
    private static TelemetryHistory.Sample sample(ResultSet rs, int first) throws SQLException {
        double temp = rs.getDouble(first + 4);
        Optional<Double> cpu = rs.wasNull() ? Optional.empty() : Optional.of(temp);
        return new TelemetryHistory.Sample(
                Instant.ofEpochMilli(rs.getLong(first)),
                rs.getLong(first + 1),
                rs.getLong(first + 2),
                rs.getLong(first + 3),
                cpu,
                rs.getLong(first + 5),
                rs.getInt(first + 6),
                optionalLong(rs, first + 7),
                optionalLong(rs, first + 8));
    }

    private static List<TelemetryHistory.Sample> samples(
            Connection c, String agent, Instant from, Instant to, int limit) throws SQLException {
        String sql = """
                SELECT ts, uptime_s, heap_used, heap_max, cpu_temp_c, outbox_depth, reader_faults,
                       resident_bytes, broker_rtt_ms
                FROM telemetry WHERE agent_id = ? AND ts >= ? AND ts < ?
                ORDER BY ts LIMIT ?
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agent);
            s.setLong(2, from.toEpochMilli());
            s.setLong(3, to.toEpochMilli());
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<TelemetryHistory.Sample> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(sample(rs, 1));
                }
                return out;
            }
        }
    }
}
